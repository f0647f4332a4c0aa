"""Driving the configurator page: each change waits until the server's new state is shown.

Waits use locators, not page.wait_for_function: the page's Content-Security-Policy forbids evaluating strings.
"""


def renders(page):
    return int(page.locator("[data-configurator]").get_attribute("data-renders") or 0)


def change(page, action):
    """Do something on the page and wait until the server's new state is shown."""
    before = renders(page)
    action()
    # the script counts its renders up: wait until the count is there and is no longer the one before
    page.locator(f'[data-configurator][data-renders]:not([data-renders="{before}"])').wait_for()


def wait_until_rendered(page):
    """Wait until the configurator's script has shown the server's first state."""
    page.locator("[data-configurator][data-renders]").wait_for()
