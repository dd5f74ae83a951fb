#!/usr/bin/env python3
"""Browser test of the web registry (run by WebServerTests): headless Chromium through Selenium.

A clerk signs in, checks polyphonic and over-long names and previews a sign, proposes a name for an
unnamed road (a suggestion is offered), sees the homophone warning as they type and submits; a reviewer starts the public notice; an objection is recorded and
the clerk answers it from their 待办; once the notice has run (the same registry served on a later day
at LATER_URL), the reviewer creates a batch, ticks the case into it, approves the batch on LATER_DAY,
files and announces it and opens the 公告. Screenshots go to the artifacts folder, prefixed with the
window size's name. Usage: browser_test.py BASE_URL ARTIFACTS_DIR LATER_URL LATER_DAY [desk|phone]
"""
import os
import sys
import tempfile
import time

import chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

base, artifacts, later, later_day = sys.argv[1:5]
size = sys.argv[5] if len(sys.argv) > 5 else "desk"
driver, wait = chrome.start(*{"desk": (1200, 900), "phone": (390, 844)}[size], timeout=45)


def sign_in(username):
    chrome.sign_in(driver, wait, base, username)


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
    # 提交拟名 comes after the fields it needs, and nothing is wider than the screen.
    assert driver.find_element(By.ID, "submit-name").location["y"] > driver.find_element(By.ID, "reasons").location["y"]

    def fits():
        return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")

    # The reading the hint asks about starts on the reading shown: confirming it unchanged keeps the
    # pinyin (单庄路 Shànzhuāng); only the characters the hint names get a list (解, not 家).
    box.send_keys("单庄路")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#readings select"))
    assert "Shànzhuāng Lù" in driver.find_element(By.ID, "check").text
    selects = driver.find_elements(By.CSS_SELECTOR, "#readings select")
    assert len(selects) == 1 and Select(selects[0]).first_selected_option.get_attribute("value") == "shàn", [s.text for s in selects]
    driver.find_element(By.CSS_SELECTOR, "button.confirm-reading").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#readings") and "Shànzhuāng Lù" in d.find_element(By.ID, "check").text)
    box.clear()
    box.send_keys("解家路")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#readings select") and "Xièjiā" in d.find_element(By.ID, "check").text)
    selects = driver.find_elements(By.CSS_SELECTOR, "#readings select")
    assert len(selects) == 1 and selects[0].get_attribute("data-character") == "解", [s.get_attribute("data-character") for s in selects]
    assert Select(selects[0]).first_selected_option.get_attribute("value") == "xiè"
    # A pasted run of 62 characters: refused as typed, its pinyin wraps, the page stays the screen's width.
    long_name = "江楼" + "路" * 60
    box.clear()
    box.send_keys(long_name)
    wait.until(lambda d: "上限" in d.find_element(By.ID, "check").text)
    assert "符合全部命名规则" not in driver.find_element(By.ID, "check").text
    assert fits(), "the road page scrolls sideways"
    driver.save_screenshot(artifacts + "/%s-0-long-name.png" % size)
    # The sign preview shows the name typed, inside a page, scaled to the screen, with a way back.
    box.clear()
    box.send_keys("单庄路")
    wait.until(lambda d: "%E5%8D%95" in d.find_element(By.ID, "sign-preview").get_attribute("href"))
    driver.get(driver.find_element(By.ID, "sign-preview").get_attribute("href"))
    plate = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".sign-plate svg")))
    assert driver.find_elements(By.CSS_SELECTOR, "header") and "SHANZHUANG LU" in driver.page_source
    assert plate.size["width"] <= driver.execute_script("return window.innerWidth") and fits(), plate.size
    driver.save_screenshot(artifacts + "/%s-0-sign-preview.png" % size)
    driver.find_element(By.ID, "back").click()
    box = wait.until(EC.presence_of_element_located((By.ID, "name")))
    # A polyphonic character asks for its reading; the clerk confirms 朝 as zhāo and the pinyin follows.
    box.clear()
    box.send_keys("朝阳路")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#readings select"))
    Select(driver.find_element(By.CSS_SELECTOR, "#readings select")).select_by_value("zhāo")
    driver.find_element(By.CSS_SELECTOR, "button.confirm-reading").click()
    wait.until(lambda d: "Zhāoyáng Lù" in d.find_element(By.ID, "check").text)
    driver.save_screenshot(artifacts + "/%s-0-reading-confirmed.png" % size)
    box.clear()
    box.send_keys(proposal)
    driver.find_element(By.ID, "meaning").send_keys("以村庄命名")
    driver.find_element(By.ID, "reasons").send_keys("方便出行")
    wait.until(lambda d: "同音" in d.find_element(By.ID, "check").text)
    assert driver.find_elements(By.CSS_SELECTOR, "button.suggestion"), "the road page offers suggested names"
    assert driver.find_elements(By.CSS_SELECTOR, ".minimap"), "the road page has its mini-map"
    driver.save_screenshot(artifacts + "/%s-1-homophone-warning.png" % size)
    driver.find_element(By.ID, "submit-name").click()
    wait.until(EC.presence_of_element_located((By.ID, "state")))
    case_url = driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, ".minimap"), "the case page has its road's mini-map"
    # Evidence into the registry: a scanned 征求意见表 as PDF, listed and downloadable.
    scan = os.path.join(tempfile.mkdtemp(), "征求意见表.pdf")
    with open(scan, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    driver.find_element(By.ID, "attachment-file").send_keys(scan)
    driver.find_element(By.ID, "attach").click()
    link = wait.until(EC.presence_of_element_located((By.PARTIAL_LINK_TEXT, "征求意见表.pdf")))
    fetched = driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text().then(t => done([r.status, t.slice(0, 5)])))",
        link.get_attribute("href"))
    assert fetched == [200, "%PDF-"], fetched
    for step in ["consulted", "submitted"]:
        driver.find_element(By.ID, "do-" + step).click()
        wait.until(EC.presence_of_element_located((By.ID, "state")))
    assert not driver.find_elements(By.ID, "do-approved"), "a clerk must not see the approval action"
    driver.save_screenshot(artifacts + "/%s-2-submitted.png" % size)

    sign_in("reviewer")
    driver.get(case_url)
    for step in ["underReview", "publicNotice"]:
        if step == "publicNotice":
            driver.find_element(By.ID, "assessment-publicNotice").send_keys("名称规范，符合当地习惯")
        driver.find_element(By.ID, "do-" + step).click()
        wait.until(EC.presence_of_element_located((By.ID, "state")))
    # 批准 waits for the notice to end; the page says when.
    assert not driver.find_elements(By.ID, "do-approved") and "方可批准" in driver.find_element(By.ID, "approval-from").text
    # An objection during the notice; the clerk finds it in their 待办 and answers it.
    driver.find_element(By.NAME, "from").send_keys("村民张某")
    driver.find_element(By.NAME, "text").send_keys("建议保留原习惯叫法")
    driver.find_element(By.ID, "record-objection").click()
    wait.until(EC.presence_of_element_located((By.ID, "objection-1")))
    sign_in("clerk")
    todo = driver.find_element(By.ID, "todo-objections")
    assert proposal in todo.text, todo.text
    todo.find_element(By.TAG_NAME, "a").click()
    answer = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#objection-1 input[name=handling]")))
    answer.send_keys("经核实，拟用名称已征得沿线村民同意，不予采纳")
    driver.find_element(By.CSS_SELECTOR, "#objection-1 button").click()
    wait.until(lambda d: "已处理" in d.find_element(By.ID, "objection-1").text)
    driver.save_screenshot(artifacts + "/%s-3-objection-answered.png" % size)
    # The notice runs its days; the batch is approved after it, on the later server.
    base = later
    sign_in("reviewer")
    assert proposal in driver.find_element(By.ID, "todo-noticeEnded").text, "the ended notice waits in the reviewer's 待办"
    driver.get(base + "/batches")
    driver.find_element(By.ID, "batch-title").send_keys("2026年第一批乡村道路命名")
    driver.find_element(By.ID, "create-batch").click()
    box = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#add-cases input[value='%s']" % case_url.rsplit("/", 1)[1])))
    box.click()
    driver.find_element(By.ID, "add-to-batch").click()
    wait.until(lambda d: proposal in d.find_element(By.TAG_NAME, "table").text)
    # Before the approval, 公告 and the filing papers are named but not linked.
    assert not driver.find_elements(By.LINK_TEXT, "公告") and "公告（批准后可用）" in driver.find_element(By.ID, "documents").text
    driver.find_element(By.NAME, "document").send_keys("示政字〔2026〕7号")
    date = driver.find_element(By.CSS_SELECTOR, "form[action$=approve] input[name=date]")
    driver.execute_script("arguments[0].value = arguments[1]", date, later_day)
    driver.find_element(By.CSS_SELECTOR, "form[action$=approve] button").click()
    wait.until(EC.presence_of_element_located((By.ID, "file-batch"))).click()
    wait.until(EC.presence_of_element_located((By.ID, "announce-batch"))).click()
    wait.until(lambda d: "已公告" in d.page_source)
    assert "示政字〔2026〕7号" in driver.page_source and "已备案" in driver.page_source, "approved, filed and announced"
    driver.save_screenshot(artifacts + "/%s-4-batch-announced.png" % size)
    # Both registers print: the 公示 and the 公告 (HTML, and each as PDF).
    # Pages are opened by address (not by going back), so each wait sees the page it asked for.
    batch_url = driver.current_url
    notice_link = driver.find_element(By.LINK_TEXT, "公示").get_attribute("href")
    driver.get(notice_link)
    wait.until(lambda d: proposal in d.page_source and "公示" in d.title + d.page_source)
    driver.get(batch_url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "a[href$='announcement.pdf']"))
    driver.find_element(By.LINK_TEXT, "公告").click()
    wait.until(lambda d: proposal in d.page_source and "特此公告" in d.page_source)
    driver.save_screenshot(artifacts + "/%s-5-announcement.png" % size)
    driver.get(case_url.replace(case_url.split("/cases/")[0], later))
    assert "标准地名" in driver.find_element(By.ID, "state").text or "已批准" in driver.find_element(By.ID, "state").text
    print("ok")
finally:
    driver.quit()
