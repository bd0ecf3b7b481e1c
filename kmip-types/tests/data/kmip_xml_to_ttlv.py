#!/usr/bin/env python3
"""Converts KMIP test cases in the KMIP XML encoding (the form OASIS publishes them in, as kept
in ovh/kmip-go `kmiptest/testdata/v1.1/`) to TTLV hex fixtures for tests/test_cases.rs.

    python3 kmip_xml_to_ttlv.py OUTPUT.txt SOURCE COMMIT XML_FILE...

SOURCE and COMMIT name where the XML files come from (written as provenance lines). If OUTPUT
exists, the fixtures of the test cases whose XML file is not given are kept from it as they are
(with the Date-Time placeholder values of its header), so a file can be extended case by case;
the test cases are written in file-name order.

Rules:
- Tags, enumeration values and mask bits come from this crate's own tables (src/tag.rs,
  src/enumeration.rs), matched on the specification names with everything but letters and
  digits removed, as the XML encoding spells them ("Symmetric Key" -> "SymmetricKey"); a
  `tag="0x540001"` attribute gives the tag number directly. Where the XML spelling differs from
  the specification's (an identifier cannot start with a digit), ALIASES maps it.
- An Attribute Value is read as the attribute its Attribute Name names: an Integer value of
  Cryptographic Usage Mask is a mask of names ("Decrypt Encrypt", spaces or `|` between, or a
  number), an Enumeration is looked up in that attribute's table. An Attribute Index is an
  ordinary Integer child; a Key Value may be a Structure or (wrapped) a Byte String: every
  element is encoded as its `type` says, with no per-field knowledge beyond the tables.
- Integer, Long Integer, Enumeration, Interval: decimal or `0x` hex. Boolean: `true`/`false`
  (or 1/0).
- Big Integer: hex, written as given (leading zero bytes kept), sign-extended on the left to a
  multiple of 8 bytes if shorter (0xFF fill when the first bit is set).
- Date-Time: ISO 8601 with an offset (`2012-04-27T08:12:21+00:00`, or `Z`), a number of
  seconds, or a placeholder `$NAME` / `$NAME+n` / `$NAME-n` (`$NOW-3600` is an hour before
  `$NOW`); each placeholder name gets a fixed time (FIXED_NOW for the first), listed in the
  output's header.
- Other placeholders the test cases leave to the server (`$UNIQUE_IDENTIFIER_0`,
  `$ASYNCHRONOUS_CORRELATION_VALUE`, ...) become their own name without the `$`: as text in a
  Text String, as its ASCII bytes in a Byte String.
- `# TIME n` markers, on a line of their own or between elements on one line
  (`<KMIP> # TIME 0 <RequestMessage>`), give the step of the messages after them; other `#`
  lines are comments. Fixtures are named `xml_<file>_time_<n>_<request|response>`, with `_2`,
  ... for further messages of the same kind in one step.
"""

import datetime
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "src")


def squash(name):
    return re.sub(r"[^A-Za-z0-9]", "", name).lower()


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


# Tags: squashed spec name -> number, and constant name -> number.
TAGS, TAG_CONST = {}, {}
for m in re.finditer(r'^\s*([A-Z0-9_]+) = (0x[0-9A-Fa-f]{6}), "([^"]+)"', read(os.path.join(SRC, "tag.rs")), re.M):
    TAG_CONST[m.group(1)] = int(m.group(2), 16)
    TAGS[squash(m.group(3))] = int(m.group(2), 16)
TAG_NAMES = {squash(k): v for k, v in TAGS.items()}

# Enumerations and masks: tag number -> {squashed value name: value}.
ENUMS, MASKS = {}, {}
enum_src = read(os.path.join(SRC, "enumeration.rs"))
for m in re.finditer(r"(enumeration|bit_mask)! \{.*?pub struct \w+: tag::([A-Z0-9_]+) \{(.*?)\n    \}",
                     enum_src, re.S):
    table = {}
    for e in re.finditer(r'=\s*(0x[0-9A-Fa-f]+),\s*"([^"]+)"', m.group(3)):
        table[squash(e.group(2))] = int(e.group(1), 16)
    (ENUMS if m.group(1) == "enumeration" else MASKS)[TAG_CONST[m.group(2)]] = table

TYPES = {"Structure": 1, "Integer": 2, "LongInteger": 3, "BigInteger": 4, "Enumeration": 5,
         "Boolean": 6, "TextString": 7, "ByteString": 8, "DateTime": 9, "Interval": 10}

# Fixed values for the Date-Time placeholders (seconds since the epoch).
DATE_PLACEHOLDERS = {}
FIXED_NOW = 0x4F9A54E5  # 2012-04-27T08:12:21Z, a time stamp the test cases use


def tag_of(el):
    if "tag" in el.attrib:
        return int(el.attrib["tag"], 16)
    try:
        return TAG_NAMES[squash(el.tag)]
    except KeyError:
        raise SystemExit("unknown tag name %r" % el.tag)


def number(text):
    text = text.strip()
    return int(text, 16) if text.lower().startswith("0x") else int(text)


# Where the XML encoding spells a value otherwise than the specification's table (an
# identifier cannot start with a digit): XML spelling -> squashed specification name.
ALIASES = {"des3": "3des"}


def enum_value(tag, text):
    text = text.strip()
    if text.lower().startswith("0x") or text.isdigit():
        return number(text)
    try:
        return ENUMS[tag][ALIASES.get(squash(text), squash(text))]
    except KeyError:
        raise SystemExit("no value %r for tag %06X" % (text, tag))


def mask_value(tag, text):
    if re.fullmatch(r"\s*(0x[0-9A-Fa-f]+|-?\d+)\s*", text):
        return number(text)
    bits = 0
    for word in re.split(r"[\s|]+", text.strip()):
        if word.lower().startswith("0x"):
            bits |= int(word, 16)
        else:
            bits |= MASKS[tag][squash(word)]
    return bits


def date_value(text):
    text = text.strip()
    m = re.fullmatch(r"\$([A-Z_]+)([+-]\d+)?", text)
    if m:
        # `$NOW` is FIXED_NOW; `$NOW-3600` an hour before.
        base = DATE_PLACEHOLDERS.setdefault(m.group(1), FIXED_NOW + 1000 * len(DATE_PLACEHOLDERS))
        return base + int(m.group(2) or 0)
    if re.fullmatch(r"0x[0-9A-Fa-f]+|-?\d+", text):
        return number(text)
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def text_value(text):
    return text[1:] if text.startswith("$") else text


def encode(el, attribute_tag=None):
    """Encodes an element; `attribute_tag` is the tag the enclosing Attribute's name names."""
    tag = tag_of(el)
    kind = el.attrib.get("type", "Structure")
    item_type = TYPES[kind]
    value_text = el.attrib.get("value", "")
    # An Attribute Value is read as the attribute its name names.
    value_tag = attribute_tag if tag == TAG_CONST["ATTRIBUTE_VALUE"] and attribute_tag else tag
    if kind == "Structure":
        body, name_tag = b"", None
        for child in el:
            body += encode(child, name_tag)
            if tag_of(child) == TAG_CONST["ATTRIBUTE_NAME"]:
                name_tag = TAG_NAMES.get(squash(child.attrib.get("value", "")))
        value = body
    elif kind == "Integer":
        if value_tag in MASKS:
            value = struct.pack(">I", mask_value(value_tag, value_text) & 0xFFFFFFFF)
        else:
            value = struct.pack(">i", number(value_text))
    elif kind == "LongInteger":
        value = struct.pack(">q", number(value_text))
    elif kind == "BigInteger":
        digits = value_text.strip()
        digits = digits[2:] if digits.lower().startswith("0x") else digits
        raw = bytes.fromhex(digits)
        fill = b"\xff" if raw and raw[0] & 0x80 else b"\0"
        value = fill * (-len(raw) % 8) + raw
    elif kind == "Enumeration":
        value = struct.pack(">I", enum_value(value_tag, value_text))
    elif kind == "Boolean":
        value = struct.pack(">Q", 1 if value_text.strip().lower() in ("true", "1") else 0)
    elif kind == "TextString":
        value = text_value(value_text).encode("utf-8")
    elif kind == "ByteString":
        text = value_text.strip()
        value = text[1:].encode() if text.startswith("$") else bytes.fromhex(text)
    elif kind == "DateTime":
        value = struct.pack(">q", date_value(value_text))
    elif kind == "Interval":
        value = struct.pack(">I", number(value_text))
    else:
        raise SystemExit("unknown type %r" % kind)
    head = struct.pack(">I", tag)[1:] + bytes([item_type]) + struct.pack(">I", len(value))
    return head + value + b"\0" * (-len(value) % 8)


def messages(path):
    """The messages of one test case in order, with the `# TIME n` step each belongs to."""
    text = read(path)
    steps = []
    time = 0
    # A `# TIME n` marker starts a line or stands between elements on one
    # (`<KMIP> # TIME 0 <RequestMessage>`); it applies to the messages after it.
    for m in re.finditer(r"#\s*TIME\s+(\d+)|<(RequestMessage|ResponseMessage)>", text):
        if m.group(1) is not None:
            time = int(m.group(1))
        else:
            steps.append(time)
    xml = re.sub(r"#\s*TIME\s+\d+", "", text)
    root = ET.fromstring(xml)
    out = []
    for el, time in zip(list(root), steps):
        out.append(("request" if el.tag == "RequestMessage" else "response", time, encode(el)))
    return out


def wrap(hexstr, first=94, width=96):
    lines = [hexstr[:first]]
    rest = hexstr[first:]
    while rest:
        lines.append("      " + rest[:width])
        rest = rest[width:]
    return "\n".join(lines)


def case_name(path):
    """`TC_161_11_Discover_Versions.xml` -> `tc_16_1`... kept close to the file name."""
    base = os.path.splitext(os.path.basename(path))[0]
    return re.sub(r"[^a-z0-9]+", "_", base.lower()).strip("_")


def kept_blocks(output, source, commit, given):
    """The blocks of an existing OUTPUT (a `# SOURCE COMMIT/FILE` line and its fixtures) for the
    test cases whose XML file is not given this time, by file name, kept as they are."""
    if not os.path.exists(output):
        return {}
    blocks, current = {}, None
    text = read(output)
    head, _, body = text.partition("\n\n")
    # The kept fixtures were written with the Date-Time placeholder values of that header.
    m = re.search(r"^# Date-Time placeholders .*?: (.*)$", head, re.M)
    for name, value in re.findall(r"\$([A-Z_]+) = (\d+)", m.group(1) if m else ""):
        DATE_PLACEHOLDERS.setdefault(name, int(value))
    prefix = "# %s %s/" % (source, commit[:12])
    for line in body.split("\n"):
        if line.startswith(prefix):
            current = line[len(prefix):]
            blocks[current] = [line]
        elif current is not None:
            blocks[current].append(line)
    return {f: "\n".join(lines).rstrip("\n") + "\n" for f, lines in blocks.items()
            if f not in given}


def main():
    output, source, commit, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    given = {os.path.basename(f) for f in files}
    kept = kept_blocks(output, source, commit, given)
    blocks = dict(kept)
    for path in sorted(files):
        name = case_name(path)
        sections = ["# %s %s/%s" % (source, commit[:12], os.path.basename(path))]
        counts = {}
        for kind, time, data in messages(path):
            key = (time, kind)
            counts[key] = counts.get(key, 0) + 1
            suffix = "" if counts[key] == 1 else "_%d" % counts[key]
            sections.append("[xml_%s_time_%d_%s%s]\nkind = %s\nhex = %s\n"
                            % (name, time, kind, suffix, kind, wrap(data.hex().upper())))
        blocks[os.path.basename(path)] = "\n".join(sections)
    sections = [blocks[f] for f in sorted(blocks, key=lambda f: f.lower())]
    header = [
        "# KMIP 1.1 test cases (OASIS KMIP Test Cases 1.1, XML encoding), as TTLV hex.",
        "# Provenance: %s at commit %s, kmiptest/testdata/v1.1/; one `# ...` line per" % (source, commit),
        "# test case names its file. Converted by kmip_xml_to_ttlv.py (this directory): tags,",
        "# enumerations and masks by their specification names; placeholders left to the server",
        "# ($UNIQUE_IDENTIFIER_0, ...) are written as their own name without the `$` (as text,",
        "# or its ASCII bytes in a Byte String).",
    ]
    if DATE_PLACEHOLDERS:
        header.append("# Date-Time placeholders (seconds since the epoch; `$NOW+600` is 600 later): "
                      + ", ".join("$%s = %d" % kv for kv in sorted(DATE_PLACEHOLDERS.items())))
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n\n" + "\n".join(sections))


if __name__ == "__main__":
    main()
