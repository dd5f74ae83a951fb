#!/usr/bin/env python3
"""Browser test of the web registry (run by WebServerTests): headless Chromium through Selenium.

A clerk signs in, proposes a name for an unnamed road and sees the homophone warning as they type;
a reviewer signs in, starts the public notice and, once the notice has run (the same registry served
on a later day at LATER_URL), approves on LATER_DAY. Screenshots go to the artifacts folder.
Usage: browser_test.py BASE_URL ARTIFACTS_DIR LATER_URL LATER_DAY
"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

base, artifacts, later, later_day = sys.argv[1:5]
options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900", "--lang=zh-CN"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 45, ignored_exceptions=[StaleElementReferenceException])


def sign_in(username):
    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys("diming-demo")
    driver.find_element(By.ID, "login").click()
    wait.until(EC.url_to_be(base + "/"))


try:
    sign_in("clerk")
    # A named road of the county to make a homophone: the clerk's backlog offers unnamed roads.
    driver.get(base + "/backlog")
    road = driver.find_element(By.CSS_SELECTOR, "table a").text
    driver.get(base + "/api/roads?unnamed=0")
    # Same toneless syllable, another character: 幸福路 → 星福路 sounds the same.
    homophone = {"幸": "星", "富": "副", "兴": "星", "振": "镇", "和": "河", "丰": "风", "安": "岸", "利": "力", "银": "音", "槐": "怀",
                 "柳": "六", "育": "玉", "文": "问", "建": "见", "团": "湍", "光": "广", "永": "勇", "康": "抗", "泰": "太", "瑞": "锐",
                 "长": "常", "惠": "会", "同": "童", "德": "得"}
    named = [r["name"] for r in __import__("json").loads(driver.find_element(By.TAG_NAME, "pre").text)
             if r.get("name") and r["name"].endswith("路") and r["name"][0] in homophone]
    assert named, "the demo county has a named road to sound like"
    target = named[0]
    proposal = homophone[target[0]] + target[1:]
    driver.get(base + "/roads/" + road)
    box = driver.find_element(By.ID, "name")
    box.send_keys(proposal)
    driver.find_element(By.ID, "meaning").send_keys("以村庄命名")
    driver.find_element(By.ID, "reasons").send_keys("方便出行")
    wait.until(lambda d: "同音" in d.find_element(By.ID, "check").text)
    driver.save_screenshot(artifacts + "/1-homophone-warning.png")
    driver.find_element(By.ID, "submit-name").click()
    wait.until(EC.presence_of_element_located((By.ID, "state")))
    case_url = driver.current_url
    for step in ["consulted", "submitted"]:
        driver.find_element(By.ID, "do-" + step).click()
        wait.until(EC.presence_of_element_located((By.ID, "state")))
    assert not driver.find_elements(By.ID, "do-approved"), "a clerk must not see the approval action"
    driver.save_screenshot(artifacts + "/2-submitted.png")

    sign_in("reviewer")
    driver.get(case_url)
    for step in ["underReview", "publicNotice"]:
        if step == "publicNotice":
            driver.find_element(By.ID, "assessment-publicNotice").send_keys("名称规范，符合当地习惯")
        driver.find_element(By.ID, "do-" + step).click()
        wait.until(EC.presence_of_element_located((By.ID, "state")))
    # The notice runs its days; approval comes after it, on the later server.
    base = later
    sign_in("reviewer")
    driver.get(case_url.replace(case_url.split("/cases/")[0], later))
    driver.find_element(By.ID, "document").send_keys("示政字〔2026〕7号")
    date = driver.find_element(By.ID, "date")
    date.clear()
    date.send_keys(later_day)
    driver.find_element(By.ID, "do-approved").click()
    wait.until(lambda d: d.find_element(By.ID, "state").text == "已批准")
    assert "示政字〔2026〕7号" in driver.page_source
    driver.save_screenshot(artifacts + "/3-approved.png")
    print("ok")
finally:
    driver.quit()
