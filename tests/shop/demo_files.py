"""Spoiling a copy of the demo store's data files (the ``data_dir`` fixture), to see a bad one refused by name."""


def spoil(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
