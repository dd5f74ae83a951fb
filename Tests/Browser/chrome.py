"""What the browser tests share: headless Chromium (Debian's chromium and chromium-driver) through
Selenium, and signing in to the web registry with a demo account."""
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def start(width, height, timeout):
    """A headless Chromium window of width × height, in Chinese, and a wait of `timeout` seconds."""
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=zh-CN", "--window-size=%d,%d" % (width, height)]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(width, height)
    return driver, WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException])


def sign_in(driver, wait, base, username, password="diming-demo"):
    """Signs in afresh as `username` and waits for the 待办 page."""
    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login").click()
    wait.until(EC.url_to_be(base + "/"))
