#!/usr/bin/env python3
"""Browser test of the office's other journeys (run by WebServerTests): headless Chromium through Selenium.

An administrator adds a township clerk, who then signs in and sees their 待办; the data officer (an
administrator) uploads an OSM file and a GeoJSON file and reads each import's report, runs the survey,
makes an Amap delivery, downloads it as a zip and records the acknowledgement. Then axe-core (PyPI
axe-selenium-python) checks the main pages: no critical violation. Screenshots go to ARTIFACTS_DIR,
prefixed with the window size's name. Usage: office_test.py BASE_URL ARTIFACTS_DIR [desk|phone]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

base, artifacts = sys.argv[1:3]
size = sys.argv[3] if len(sys.argv) > 3 else "desk"
driver, wait = chrome.start(*{"desk": (1200, 900), "phone": (390, 844)}[size], timeout=60)
suffix = "p" if size == "phone" else "d"


def sign_in(username, password="diming-demo"):
    chrome.sign_in(driver, wait, base, username, password)


def shot(name):
    driver.save_screenshot("%s/%s-office-%s.png" % (artifacts, size, name))


def upload(section, path, source=None, profile=None):
    form = driver.find_element(By.CSS_SELECTOR, "#%s form.upload" % section)
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(path)
    if profile:
        Select(form.find_element(By.NAME, "profile")).select_by_value(profile)
    if source:
        form.find_element(By.NAME, "source").send_keys(source)
    form.find_element(By.TAG_NAME, "button").click()
    wait.until(lambda d: "导入完成" in form.find_element(By.CLASS_NAME, "status").text or "未导入" in form.find_element(By.CLASS_NAME, "status").text
               or "error" in form.find_element(By.CLASS_NAME, "status").get_attribute("class"))
    status = form.find_element(By.CLASS_NAME, "status").text
    assert "导入完成" in status, status
    return form.find_element(By.CLASS_NAME, "report").text


try:
    # The administrator adds a clerk for a town, who then signs in.
    sign_in("admin")
    driver.get(base + "/admin/users")
    username = "clerk3" + suffix
    driver.find_element(By.ID, "new-username").send_keys(username)
    driver.find_element(By.ID, "new-display-name").send_keys("古云镇经办人")
    town = driver.find_element(By.ID, "new-town")
    town.send_keys(driver.execute_script("return document.querySelector('#town-codes option').value"))
    driver.find_element(By.ID, "new-password").send_keys("guyun-2026-pass")
    driver.find_element(By.ID, "add-user-button").click()
    wait.until(lambda d: "已新增账户" in d.page_source)
    assert username in driver.find_element(By.TAG_NAME, "table").text
    shot("1-user-added")
    sign_in(username, "guyun-2026-pass")
    assert "古云镇经办人" in driver.page_source and "待办" in driver.page_source

    # County settings: the papers' 文号 prefix and objection contact, and a 天地图 key the map then uses.
    sign_in("admin")
    driver.get(base + "/admin/settings")
    contact = driver.find_element(By.CSS_SELECTOR, "#papers-settings input[name=contact]")
    contact.clear()
    contact.send_keys("示范县民政局区划地名科 0635-1234567")
    driver.find_element(By.ID, "save-papers").click()
    wait.until(lambda d: "已保存" in d.page_source)
    driver.find_element(By.ID, "tianditu-key").send_keys("abc123")
    driver.find_element(By.ID, "save-site").click()
    wait.until(lambda d: "已保存" in d.page_source)
    assert "0635-1234567" in driver.page_source
    shot("1b-settings")
    driver.get(base + "/map")
    assert "tianditu.gov.cn" in driver.find_element(By.ID, "map").get_attribute("data-tiles")

    # The data officer uploads an OSM file and a GeoJSON file near the demo roads.
    sign_in("admin")
    driver.get(base + "/api/roads?unnamed=1")
    roads = json.loads(driver.find_element(By.TAG_NAME, "pre").text)
    driver.get(base + "/api/roads/" + roads[0]["id"])
    line = json.loads(driver.find_element(By.TAG_NAME, "pre").text)["geometry"]["coordinates"]
    folder = tempfile.mkdtemp()
    osm = os.path.join(folder, "新修道路.osm")
    with open(osm, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n')
        for i, (lon, lat) in enumerate(line):
            f.write('<node id="%d" lat="%.7f" lon="%.7f"/>\n' % (i + 1, lat + 0.004, lon + 0.004))
        f.write('<way id="900"><nd ref="%s"/>' % '"/><nd ref="'.join(str(i + 1) for i in range(len(line))))
        f.write('<tag k="highway" v="unclassified"/></way>\n</osm>\n')
    geojson = os.path.join(folder, "交通局农村公路.geojson")
    with open(geojson, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"highway": "track", "id": "g1"},
                   "geometry": {"type": "LineString", "coordinates": [[lon - 0.004, lat - 0.004] for lon, lat in line]}}]}, f, ensure_ascii=False)
    driver.get(base + "/data")
    report = upload("upload-roads", osm, "网页上传OSM" + suffix)
    assert "导入路段" in report and "OSM" in report.upper(), report
    shot("2-osm-imported")
    report = upload("upload-roads", geojson, "网页上传GeoJSON" + suffix)
    assert "导入路段" in report, report
    # The transport bureau's Shapefile: projected CGCS2000 (EPSG:4527), GBK attributes, zipped as a browser sends it.
    if shutil.which("ogr2ogr"):
        bureau = os.path.join(folder, "bureau.geojson")
        with open(bureau, "w", encoding="utf-8") as f:
            json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "", "技术等级": "四级公路"},
                       "geometry": {"type": "LineString", "coordinates": [[lon + 0.004, lat - 0.004] for lon, lat in line]}}]}, f, ensure_ascii=False)
        shp = os.path.join(folder, "农村公路.shp")
        subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4527", "-lco", "ENCODING=GBK", shp, bureau], check=True)
        archive = os.path.join(folder, "农村公路.zip")
        with zipfile.ZipFile(archive, "w") as z:
            for part in os.listdir(folder):
                if part.startswith("农村公路."):
                    z.write(os.path.join(folder, part), part)
        report = upload("upload-roads", archive, "交通局Shapefile" + suffix, profile="rural-roads")
        assert "导入路段" in report and "4527" in report, report
        shot("2b-shapefile-imported")
    driver.find_element(By.ID, "run-survey").click()
    wait.until(EC.presence_of_element_located((By.ID, "survey-report")))
    shot("3-surveyed")
    # An Amap delivery, downloaded as one zip, then acknowledged.
    driver.find_element(By.ID, "make-delivery").click()
    wait.until(lambda d: "已生成交付" in d.page_source)
    link = driver.find_element(By.CSS_SELECTOR, "#deliveries a[download]").get_attribute("href")
    magic = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done([r.status, r.headers.get('content-type'), String.fromCharCode(...new Uint8Array(b).slice(0, 2)), b.byteLength])));
        """, link)
    assert magic[0] == 200 and magic[1] == "application/zip" and magic[2] == "PK" and magic[3] > 200, magic
    ack = driver.find_element(By.CSS_SELECTOR, "#deliveries form[action$=ack]")
    ack.find_element(By.NAME, "by").send_keys("高德数据运营")
    ack.find_element(By.TAG_NAME, "button").click()
    # The page's source, not an element's text: the element may belong to the page being left (the
    # redirect after the POST), and Chromium then answers "node does not belong to the document".
    wait.until(lambda d: "高德数据运营" in d.page_source)
    shot("4-delivered")

    # Accessibility: axe-core on the main pages, no critical violation.
    try:
        from axe_selenium_python import Axe
    except ImportError:
        print("skipped the accessibility check: the PyPI package axe-selenium-python is not installed")
    else:
        problems = []
        for path in ["/", "/map", "/backlog", "/cases", "/batches", "/data", "/admin/users", "/admin/settings", "/admin/audit",
                     "/roads/" + roads[0]["id"]]:
            driver.get(base + path)
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            for v in results["violations"]:
                if v["impact"] == "critical":
                    problems.append("%s: %s (%s) %s" % (path, v["id"], v["help"], [n["html"][:120] for n in v["nodes"][:3]]))
        driver.delete_all_cookies()
        driver.get(base + "/login")
        axe = Axe(driver)
        axe.inject()
        problems += ["/login: " + v["id"] for v in axe.run()["violations"] if v["impact"] == "critical"]
        assert not problems, "\n".join(problems)
    print("ok")
finally:
    driver.quit()
