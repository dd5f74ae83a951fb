#!/usr/bin/env python3
"""Compiles the reading data in GeoData/names/readings from PyPI packages.

Sources (MIT licence, by mozillazg; see GeoData/names/readings/LICENSE):
  pypinyin 0.55.0       pinyin_dict.json (readings of 41,923 characters, most common first)
                        phrases_dict.json (readings of 47,111 phrases)
  pypinyin-dict 0.9.0   pinyin_data/kmandarin_8105.py (the 8,105 characters of the 通用规范汉字表,
                        with their kMandarin reading)

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


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", work] + PACKAGES, check=True)
        for wheel in os.listdir(work):
            zipfile.ZipFile(os.path.join(work, wheel)).extractall(os.path.join(work, "x"))
        root = os.path.join(work, "x")
        chars = json.load(open(os.path.join(root, "pypinyin", "pinyin_dict.json"), encoding="utf-8"))
        phrases = json.load(open(os.path.join(root, "pypinyin", "phrases_dict.json"), encoding="utf-8"))
        source = open(os.path.join(root, "pypinyin_dict", "pinyin_data", "kmandarin_8105.py"), encoding="utf-8").read()
        literal = source.split("pinyin_dict = ", 1)[1]
        literal = literal[: literal.index("\n}") + 2]
        standard = ast.literal_eval(literal)

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
