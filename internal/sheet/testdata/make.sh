#!/bin/sh
# Rebuilds the test files of this folder; see README.md for what each one is.
# Needs python3 and LibreOffice (apt-get install libreoffice-calc-nogui).
set -eu
cd "$(dirname "$0")"

python3 - <<'EOF'
# Excel for Windows, German locale, "CSV (Trennzeichen-getrennt)": Windows-1252,
# semicolons (the locale's list separator), CR LF, quotes only where needed,
# trailing separators up to the used range, dates as the locale shows them.
rows = [
    "Given name(s);Family name;Country;Date of birth;Phone;Diet;Notes;;",
    "José;Müller;Germany;15.03.1980;+49 30 1234567;Vegetarian;;;",
    "Zoë;Faÿ;France;02.11.1975;0033 1 42 68 53 00;;\"Arrives late; needs a taxi\";;",
    ";;;;;;;;",
    "Ana María;Núñez;Spain;30.01.1990;;Halal;\"Speaks \"\"some\"\" English\r\nBudget 12 €\";;",
    "Øyvind;Sæther;Norway;07.07.1968;;;Co-chair – panel;;",
]
open("excel-windows1252-semicolon.csv", "wb").write(("\r\n".join(rows) + "\r\n").encode("cp1252"))

# Excel "CSV UTF-8 (Comma delimited)" in a semicolon locale: BOM, semicolons, CR LF.
rows = [
    "Given name(s);Family name;Country;Date of birth;Phone;Diet",
    "Анна;Иванова;Russia;02.11.1975;+7 495 123-45-67;",
    "محمد;العلي;Jordan;01.01.1985;+962 6 123 4567;Halal",
    "伟;李;China;12.12.1992;+86 10 1234 5678;Vegetarian",
    "Zoë;Faÿ;France;30.01.1990;;",
]
open("excel-utf8-bom-semicolon.csv", "wb").write(b"\xef\xbb\xbf" + ("\r\n".join(rows) + "\r\n").encode("utf-8"))

# Google Sheets, File > Download > Comma-separated values: UTF-8 without BOM,
# commas, CR LF between records and none after the last, LF inside quoted
# cells, trailing empty cells kept, values as the sheet displays them.
rows = [
    "Organization,Contact,E-mail,City,Topics,Phone",
    "Gateway Human Trafficking,Shima Rostami,shima@example.org,\"St. Louis, MO\",\"victim services\nhotlines\",3145550123",
    "Washington University School of Medicine,Dr. Rumi Price,rumi@example.org,\"St. Louis, MO\",healthcare,",
    ",,,,,",
    "Interfaith Partnership,,,St. Louis,faith communities,",
    "Центр помощи,Ольга Петрова,olga@example.org,Москва,,",
]
open("google-sheets.csv", "wb").write("\r\n".join(rows).encode("utf-8"))

# Excel "Unicode Text (*.txt)": UTF-16 little-endian with BOM, tabs, CR LF.
rows = [
    "Given name(s)\tFamily name\tCountry",
    "José\tMüller\tGermany",
    "伟\t李\tChina",
]
open("excel-unicode-text.txt", "wb").write(("\r\n".join(rows) + "\r\n").encode("utf-16"))
EOF

# LibreOffice Calc: the workbook is written as flat ODF (roster.fods, kept
# beside it) and converted by LibreOffice itself.
soffice --headless --convert-to xlsx --outdir . roster.fods >/dev/null
soffice --headless --convert-to ods --outdir . roster.fods >/dev/null
soffice --headless --convert-to xls --outdir . roster.fods >/dev/null
