"""Driving the configurator page: each change waits until the server's new state is shown."""


def renders(page):
    return int(page.locator("[data-configurator]").get_attribute("data-renders") or 0)


def change(page, action):
    """Do something on the page and wait until the server's new state is shown."""
    before = renders(page)
    action()
    page.wait_for_function(f"Number(document.querySelector('[data-configurator]').dataset.renders) > {before}")
