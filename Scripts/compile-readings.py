#!/usr/bin/env python3
"""Compiles the reading data in GeoData/names/readings from PyPI packages.

Sources (MIT licence, by mozillazg; see GeoData/names/readings/LICENSE):
  pypinyin 0.55.0       pinyin_dict.json (readings of 41,923 characters, most common first)
                        phrases_dict.json (readings of 47,111 phrases)
  pypinyin-dict 0.9.0   pinyin_data/kmandarin_8105.py (the 8,105 characters of the 通用规范汉字表,
                        with their kMandarin reading) and pinyin_data/ktghz2013.py (the readings of the
                        通用规范汉字字典, 2013: the standard readings of those characters)

For a standard character the readings are those of the 通用规范汉字字典, most common first (in
pypinyin's order); rare historical readings pypinyin also lists (庄 péng) are left out, so that
only real polyphones (重 zhòng/chóng) are flagged for review.

Output (UTF-8, one record a line, loads in well under a second):
  chars.tsv      CHAR<TAB>reading1,reading2,…        (toned pinyin)
  phrases.tsv    PHRASE<TAB>syllable syllable …
  standard.txt   the 8,105 standard characters, in code-point order

Usage: Scripts/compile-readings.py   (fetches the two wheels with `pip download`)
"""
import ast
import json
import os
import subprocess
import sys
import tempfile
import zipfile

PACKAGES = ["pypinyin==0.55.0", "pypinyin-dict==0.9.0"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "GeoData", "names", "readings")


def load_dict(path):
    source = open(path, encoding="utf-8").read()
    literal = source.split("pinyin_dict = ", 1)[1]
    return ast.literal_eval(literal[: literal.index("\n}") + 2])


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", work] + PACKAGES, check=True)
        for wheel in os.listdir(work):
            zipfile.ZipFile(os.path.join(work, wheel)).extractall(os.path.join(work, "x"))
        root = os.path.join(work, "x")
        chars = json.load(open(os.path.join(root, "pypinyin", "pinyin_dict.json"), encoding="utf-8"))
        phrases = json.load(open(os.path.join(root, "pypinyin", "phrases_dict.json"), encoding="utf-8"))
        standard = load_dict(os.path.join(root, "pypinyin_dict", "pinyin_data", "kmandarin_8105.py"))
        tghz = load_dict(os.path.join(root, "pypinyin_dict", "pinyin_data", "ktghz2013.py"))

    for code, readings in tghz.items():
        key = str(code)
        standard_readings = readings.split(",")
        common = [r for r in chars.get(key, "").split(",") if r]
        ordered = [r for r in common if r in standard_readings]
        if not ordered:  # the two sources disagree (㴔): keep both, pypinyin's first
            ordered = common
        chars[key] = ",".join(ordered + [r for r in standard_readings if r not in ordered])

    with open(os.path.join(OUT, "chars.tsv"), "w", encoding="utf-8") as f:
        for code in sorted(chars, key=int):
            f.write(f"{chr(int(code))}\t{chars[code]}\n")
    with open(os.path.join(OUT, "phrases.tsv"), "w", encoding="utf-8") as f:
        for phrase in sorted(phrases):
            syllables = [options[0] for options in phrases[phrase]]
            f.write(f"{phrase}\t{' '.join(syllables)}\n")
    with open(os.path.join(OUT, "standard.txt"), "w", encoding="utf-8") as f:
        f.write("".join(chr(code) for code in sorted(standard)) + "\n")
    print(f"{len(chars)} characters, {len(phrases)} phrases, {len(standard)} standard characters -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
