#!/usr/bin/env python3
"""Browser test of the field and public pages (#13), run by FieldWebTests: headless Chromium at a
phone's 390 x 844 (or a desk's 1400 x 900) with a fixed geolocation (Chromium's emulation).

A sign crew (clerk2) opens a planned sign, takes a photo and installs it at the emulated position
and reads the distance from the planned point; installing a plate whose name is no longer the
road's standard name is refused. A villager opens the public page at the address the plate's QR
code holds, adds a 快递点 with a storefront photo, answers the challenge and reads the receipt's
status. A reviewer accepts it in the queue; the receipt then reads 已通过. Every page is saved as a
screenshot. Usage: field_test.py BASE QR_URL SIGN_ID OLD_SIGN_ID PHOTO ARTIFACTS [phone|desk]
Prints the receipt number on its last line.
"""
import re
import struct
import sys
import zlib

import chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


base, qr_url, sign_id, old_sign_id, photo, artifacts = sys.argv[1:7]
size = sys.argv[7] if len(sys.argv) > 7 else "phone"


def write_png(path, w=96, h=64):
    """A small real PNG (a storefront photo stand-in), written without an imaging library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes([(x * 2) % 256, (y * 4) % 256, 120] * 1)[:3] * 1 + b"".join(bytes([(x * 3) % 256, (y * 4) % 256, 90]) for x in range(w - 1)) for y in range(h) for x in [0])
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


if photo == "-":
    photo = f"{artifacts}/storefront-{size}.png"
    write_png(photo)
width, height = {"phone": (390, 844), "desk": (1400, 900)}[size]
driver, wait = chrome.start(width, height, timeout=30)
step = [0]


def shot(name):
    step[0] += 1
    driver.save_screenshot(f"{artifacts}/{size}-field-{step[0]:02d}-{name}.png")


def geolocate(lon, lat):
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["geolocation"]})
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride", {"latitude": lat, "longitude": lon, "accuracy": 5})


def sign_in(username):
    chrome.sign_in(driver, wait, base, username)


def text(element_id):
    return wait.until(EC.presence_of_element_located((By.ID, element_id))).text


try:
    # The sign crew: my town's signs, then one planned (ordered) sign.
    sign_in("clerk2")
    driver.get(base + "/field")
    assert "我的路牌" in driver.page_source
    shot("my-signs")
    driver.get(base + "/field/signs/" + sign_id)
    point = driver.find_element(By.ID, "sign-map").get_attribute("data-point").split(",")
    lon, lat = float(point[0]), float(point[1])
    assert "uri.amap.com" in driver.find_element(By.ID, "amap").get_attribute("href")
    assert "coord_type=bd09ll" in driver.find_element(By.ID, "baidu").get_attribute("href")
    shot("sign")
    # Stand about 11 m north of the planned point.
    geolocate(lon, lat + 0.0001)
    driver.find_element(By.ID, "photo").send_keys(photo)
    driver.find_element(By.ID, "do-installed").click()
    distance = int(text("distance"))
    assert 8 <= distance <= 14, f"distance {distance}"
    assert "已安装" in text("sign-status")
    shot("installed")
    # A plate showing a name the road no longer has: refused.
    driver.get(base + "/field/signs/" + old_sign_id)
    assert "不能安装" in text("outdated")
    geolocate(lon, lat)
    driver.find_element(By.ID, "do-installed").click()
    message = text("message")
    assert "现行标准地名" in message, message
    shot("refused")

    # The villager, without an account, at the address in the plate's QR code.
    driver.delete_all_cookies()
    driver.get(qr_url)
    name = text("name")
    assert driver.find_element(By.ID, "toned").text
    assert "登录" not in driver.title
    shot("public")
    driver.find_element(By.ID, "add-place").click()
    wait.until(EC.presence_of_element_located((By.ID, "pin-map")))
    geolocate(lon + 0.0003, lat + 0.0002)
    driver.find_element(By.ID, "locate").click()
    wait.until(lambda d: "已定位" in d.find_element(By.ID, "pin-note").text)
    assert abs(float(driver.find_element(By.ID, "lon").get_attribute("value")) - (lon + 0.0003)) < 1e-6
    for option in driver.find_elements(By.CSS_SELECTOR, "#category option"):
        if option.text == "快递点":
            option.click()
    driver.find_element(By.ID, "poi-name").send_keys("柳园村快递服务站")
    driver.find_element(By.ID, "phone").send_keys("0635-1234567")
    driver.find_element(By.ID, "hours").send_keys("8:00-18:00")
    driver.find_element(By.ID, "address").send_keys("村东头<i>x</i>，" + name + "北侧")
    driver.find_element(By.ID, "photo").send_keys(photo)
    a, b = map(int, re.search(r"(\d+) 加 (\d+)", driver.page_source).groups())
    driver.find_element(By.ID, "answer").send_keys(str(a + b))
    shot("add-place")
    driver.find_element(By.ID, "submit-place").click()
    number = text("receipt-number")
    assert text("receipt-state") == "审核中"
    shot("receipt")
    # A forged receipt number: a clear message.
    driver.get(base + "/receipts?number=" + number[:-1] + ("A" if number[-1] != "A" else "B"))
    assert "回执号不存在" in text("message")

    # The reviewer accepts it from the queue.
    sign_in("reviewer")
    driver.get(base + "/pois")
    poi_id = "-".join(number.split("-")[:3])
    wait.until(EC.presence_of_element_located((By.ID, "review-" + poi_id)))
    section = driver.find_element(By.ID, "review-" + poi_id)
    assert section.find_element(By.CSS_SELECTOR, ".computed").text
    assert section.find_element(By.CSS_SELECTOR, ".given").text.startswith("村东头<i>x</i>"), "what a villager typed is shown as text"
    assert section.find_elements(By.CSS_SELECTOR, "img.storefront")
    shot("queue")
    driver.find_element(By.ID, "accept-" + poi_id).click()
    wait.until(EC.url_contains("/pois"))
    driver.delete_all_cookies()
    driver.get(base + "/receipts/" + number)
    assert text("receipt-state") == "已通过"
    shot("accepted")
    driver.get(qr_url)
    assert "柳园村快递服务站" in text("pois")
    shot("public-with-place")
    print(number)
finally:
    driver.quit()
