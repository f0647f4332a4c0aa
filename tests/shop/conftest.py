import shutil

import pytest

from shop.demo.datafile import DATA_DIR


@pytest.fixture
def data_dir(tmp_path):
    """A copy of the demo store's data files (shop/demo/data/) to spoil."""
    return shutil.copytree(DATA_DIR, tmp_path / "data")
