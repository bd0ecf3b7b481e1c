#!/usr/bin/env python3
"""Writes the malformed-message corpus of kmip-types: one `<what-is-wrong>.ttlv` file per
defect and `expected.txt`, which tests/malformed.rs checks.

Each message is built here item by item (tag numbers read from ../../../src/tag.rs), from a
well-formed KMIP 1.1 message with exactly one defect put in by hand; the expected byte offset is
where this script placed the defective item, not what the decoder reports. Run it from anywhere:
`python3 kmip-types/tests/data/malformed/make_malformed.py`; it rewrites the files in place.
"""

import os
import re
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
TAG_RS = os.path.join(HERE, "..", "..", "..", "src", "tag.rs")

TAGS = {}
with open(TAG_RS, encoding="utf-8") as f:
    for m in re.finditer(r"^\s*([A-Z0-9_]+) = (0x[0-9A-Fa-f]{6}),", f.read(), re.M):
        TAGS[m.group(1)] = int(m.group(2), 16)

STRUCTURE, INTEGER, LONG_INTEGER, BIG_INTEGER, ENUMERATION, BOOLEAN = 1, 2, 3, 4, 5, 6
TEXT_STRING, BYTE_STRING, DATE_TIME, INTERVAL = 7, 8, 9, 10


class Item:
    """One TTLV item; `mark` names it so that its offset can be looked up after encoding."""

    def __init__(self, tag, item_type, value, mark=None, padding=None, length=None):
        self.tag = TAGS[tag] if isinstance(tag, str) else tag
        self.item_type = item_type
        self.value = value
        self.mark = mark
        self.padding = padding  # override the padding bytes (a defect)
        self.length = length  # override the length field (a defect)


def S(tag, *children, mark=None):
    return Item(tag, STRUCTURE, list(children), mark)


def Int(tag, v, **kw):
    return Item(tag, INTEGER, struct.pack(">i", v), **kw)


def Enum(tag, v, **kw):
    return Item(tag, ENUMERATION, struct.pack(">I", v), **kw)


def Text(tag, s, **kw):
    return Item(tag, TEXT_STRING, s.encode(), **kw)


def Bytes(tag, b, **kw):
    return Item(tag, BYTE_STRING, b, **kw)


def Date(tag, v, **kw):
    return Item(tag, DATE_TIME, struct.pack(">q", v), **kw)


def encode(item, marks, base=0):
    if item.item_type == STRUCTURE:
        body = b""
        for child in item.value:
            body += encode(child, marks, base + 8 + len(body))
        value, pad = body, b""
    else:
        value = item.value
        pad = b"\0" * (-len(value) % 8)
        if item.padding is not None:
            pad = item.padding
    if item.mark:
        marks[item.mark] = base
    length = len(value) if item.length is None else item.length
    head = struct.pack(">I", item.tag)[1:] + bytes([item.item_type]) + struct.pack(">I", length)
    return head + value + pad


# Building blocks of well-formed KMIP 1.1 messages.

def version(major=1, minor=1, extra=(), mark=None):
    return S("PROTOCOL_VERSION", Int("PROTOCOL_VERSION_MAJOR", major),
             Int("PROTOCOL_VERSION_MINOR", minor), *extra, mark=mark)


def request(header_items, *batch_items):
    return S("REQUEST_MESSAGE", S("REQUEST_HEADER", *header_items, mark="header"), *batch_items)


def response(header_items, *batch_items):
    return S("RESPONSE_MESSAGE", S("RESPONSE_HEADER", *header_items, mark="header"), *batch_items)


def request_header(count=1):
    return [version(), Int("BATCH_COUNT", count)]


def response_header(count=1):
    return [version(), Date("TIME_STAMP", 0x4F9A54E5), Int("BATCH_COUNT", count)]


def item(operation, payload, mark="item"):
    return S("BATCH_ITEM", Enum("OPERATION", operation), payload, mark=mark)


def attribute(name, value, mark=None):
    return S("ATTRIBUTE", Text("ATTRIBUTE_NAME", name), value, mark=mark)


CREATE, REGISTER, GET, ACTIVATE = 0x01, 0x03, 0x0A, 0x12
SYMMETRIC_KEY, PUBLIC_KEY = 0x02, 0x03


def create_payload(*children, mark="payload"):
    return S("REQUEST_PAYLOAD", *children, mark=mark)


def create_children():
    return [
        Enum("OBJECT_TYPE", SYMMETRIC_KEY, mark="object_type"),
        S("TEMPLATE_ATTRIBUTE",
          attribute("Cryptographic Algorithm", Enum("ATTRIBUTE_VALUE", 3)),
          attribute("Cryptographic Length", Int("ATTRIBUTE_VALUE", 256)),
          mark="template"),
    ]


def key_block(*children, mark="key_block"):
    return S("KEY_BLOCK", *children, mark=mark)


def raw_aes_key_block_children():
    return [
        Enum("KEY_FORMAT_TYPE", 1, mark="format"),
        S("KEY_VALUE", Bytes("KEY_MATERIAL", bytes(range(16)), mark="material"), mark="key_value"),
        Enum("CRYPTOGRAPHIC_ALGORITHM", 3),
        Int("CRYPTOGRAPHIC_LENGTH", 128),
    ]


def get_response(object_type=SYMMETRIC_KEY, obj=None, uid=True):
    children = [Enum("OBJECT_TYPE", object_type, mark="object_type")]
    if uid:
        children.append(Text("UNIQUE_IDENTIFIER", "1", mark="uid"))
    if obj is None:
        obj = S("SYMMETRIC_KEY", key_block(*raw_aes_key_block_children()), mark="object")
    children.append(obj)
    return response(
        response_header(),
        S("BATCH_ITEM", Enum("OPERATION", GET), Enum("RESULT_STATUS", 0),
          S("RESPONSE_PAYLOAD", *children, mark="payload"), mark="item"),
    )


def activate(uid="1", mark="item"):
    return item(ACTIVATE, S("REQUEST_PAYLOAD", Text("UNIQUE_IDENTIFIER", uid)), mark=mark)


RM, RH, PV, BI, RP, RSP = ("REQUEST_MESSAGE", "REQUEST_HEADER", "PROTOCOL_VERSION", "BATCH_ITEM",
                           "REQUEST_PAYLOAD", "RESPONSE_PAYLOAD")
SM, SH = "RESPONSE_MESSAGE", "RESPONSE_HEADER"

# name: (message, expected kind, Result Reason, mark of the offset (or a number), path)
CASES = {}


def case(name, message, kind, reason, at, path, decode_as=None):
    """`decode_as` is the decoder to use (the message's own kind unless given)."""
    if decode_as is None:
        decode_as = "request" if message.tag == TAGS["REQUEST_MESSAGE"] else "response"
    CASES[name] = (message, decode_as, kind, reason, at, path)


# Missing required fields.
case("request-header-missing-batch-count",
     request([version()], activate()),
     "MissingField", "INVALID_MESSAGE", "header", [RM, RH])
case("request-header-missing-protocol-version",
     request([Int("BATCH_COUNT", 1)], activate()),
     "MissingField", "INVALID_MESSAGE", "header", [RM, RH])
case("request-without-batch-item",
     request(request_header()),
     "MissingField", "INVALID_MESSAGE", 0, [RM])
case("request-batch-item-missing-operation",
     request(request_header(), S("BATCH_ITEM", S("REQUEST_PAYLOAD",
                                                  Text("UNIQUE_IDENTIFIER", "1")), mark="item")),
     "MissingField", "INVALID_MESSAGE", "item", [RM, BI])
case("request-batch-item-missing-payload",
     request(request_header(), S("BATCH_ITEM", Enum("OPERATION", ACTIVATE), mark="item")),
     "MissingField", "INVALID_MESSAGE", "item", [RM, BI])
case("create-payload-missing-template-attribute",
     request(request_header(), item(CREATE, create_payload(create_children()[0]))),
     "MissingField", "MISSING_DATA", "payload", [RM, BI, RP])
case("protocol-version-missing-minor",
     request([S("PROTOCOL_VERSION", Int("PROTOCOL_VERSION_MAJOR", 1), mark="version"),
              Int("BATCH_COUNT", 1)], activate()),
     "MissingField", "INVALID_MESSAGE", "version", [RM, RH, PV])
case("response-batch-item-missing-result-status",
     response(response_header(), S("BATCH_ITEM", Enum("OPERATION", ACTIVATE), mark="item")),
     "MissingField", "INVALID_MESSAGE", "item", [SM, BI])
case("response-header-missing-time-stamp",
     response([version(), Int("BATCH_COUNT", 1)],
              S("BATCH_ITEM", Enum("RESULT_STATUS", 0))),
     "MissingField", "INVALID_MESSAGE", "header", [SM, SH])
case("get-response-missing-unique-identifier",
     get_response(uid=False),
     "MissingField", "MISSING_DATA", "payload", [SM, BI, RSP])
case("get-response-missing-object",
     response(response_header(),
              S("BATCH_ITEM", Enum("OPERATION", GET), Enum("RESULT_STATUS", 0),
                S("RESPONSE_PAYLOAD", Enum("OBJECT_TYPE", SYMMETRIC_KEY),
                  Text("UNIQUE_IDENTIFIER", "1"), mark="payload"))),
     "MissingField", "MISSING_DATA", "payload", [SM, BI, RSP])
case("key-block-missing-key-value",
     get_response(obj=S("SYMMETRIC_KEY", key_block(Enum("KEY_FORMAT_TYPE", 1),
                                                   Enum("CRYPTOGRAPHIC_ALGORITHM", 3)))),
     "MissingField", "MISSING_DATA", "key_block", [SM, BI, RSP, "SYMMETRIC_KEY", "KEY_BLOCK"])
case("attribute-missing-name",
     request(request_header(), item(CREATE, create_payload(
         create_children()[0],
         S("TEMPLATE_ATTRIBUTE", S("ATTRIBUTE", Int("ATTRIBUTE_VALUE", 256), mark="attr"))))),
     "MissingField", "MISSING_DATA", "attr", [RM, BI, RP, "TEMPLATE_ATTRIBUTE", "ATTRIBUTE"])

# Wrong item types.
case("batch-count-is-a-text-string",
     request([version(), Text("BATCH_COUNT", "1", mark="count")], activate()),
     "WrongType", "INVALID_FIELD", "count", [RM, RH, "BATCH_COUNT"])
case("operation-is-an-integer",
     request(request_header(), S("BATCH_ITEM", Int("OPERATION", ACTIVATE, mark="op"),
                                 S("REQUEST_PAYLOAD", Text("UNIQUE_IDENTIFIER", "1")))),
     "WrongType", "INVALID_FIELD", "op", [RM, BI, "OPERATION"])
case("unique-identifier-is-a-byte-string",
     request(request_header(), item(ACTIVATE, S("REQUEST_PAYLOAD",
                                                Bytes("UNIQUE_IDENTIFIER", b"1", mark="uid")))),
     "WrongType", "INVALID_FIELD", "uid", [RM, BI, RP, "UNIQUE_IDENTIFIER"])
case("cryptographic-length-value-is-a-text-string",
     request(request_header(), item(CREATE, create_payload(
         create_children()[0],
         S("TEMPLATE_ATTRIBUTE",
           attribute("Cryptographic Length", Text("ATTRIBUTE_VALUE", "256", mark="value")))))),
     "WrongType", "INVALID_FIELD", "value",
     [RM, BI, RP, "TEMPLATE_ATTRIBUTE", "ATTRIBUTE", "ATTRIBUTE_VALUE"])
case("key-material-is-an-integer",
     get_response(obj=S("SYMMETRIC_KEY", key_block(
         Enum("KEY_FORMAT_TYPE", 1),
         S("KEY_VALUE", Int("KEY_MATERIAL", 7, mark="material")),
         Enum("CRYPTOGRAPHIC_ALGORITHM", 3), Int("CRYPTOGRAPHIC_LENGTH", 128)))),
     "WrongType", "INVALID_FIELD", "material",
     [SM, BI, RSP, "SYMMETRIC_KEY", "KEY_BLOCK", "KEY_VALUE", "KEY_MATERIAL"])

# A structure where a leaf is expected, and a leaf where a structure is expected.
case("unique-identifier-is-a-structure",
     request(request_header(), item(ACTIVATE, S("REQUEST_PAYLOAD", S(
         "UNIQUE_IDENTIFIER", Text("UNIQUE_IDENTIFIER", "1"), mark="uid")))),
     "WrongType", "INVALID_FIELD", "uid", [RM, BI, RP, "UNIQUE_IDENTIFIER"])
case("request-header-is-a-byte-string",
     S("REQUEST_MESSAGE", Bytes("REQUEST_HEADER", b"\x01\x02\x03", mark="header"), activate()),
     "WrongType", "INVALID_FIELD", "header", [RM, RH])
case("request-payload-is-a-text-string",
     request(request_header(), item(ACTIVATE, Text("REQUEST_PAYLOAD", "1", mark="payload"))),
     "WrongType", "INVALID_FIELD", "payload", [RM, BI, RP])

# Fields out of order.
case("batch-count-before-protocol-version",
     request([Int("BATCH_COUNT", 1), version(mark="version")], activate()),
     "OutOfOrder", "INVALID_MESSAGE", "version", [RM, RH, PV])
case("template-attribute-before-object-type",
     request(request_header(), item(CREATE, create_payload(*reversed(create_children())))),
     "OutOfOrder", "INVALID_MESSAGE", "object_type", [RM, BI, RP, "OBJECT_TYPE"])
case("payload-before-operation",
     request(request_header(), S("BATCH_ITEM", S("REQUEST_PAYLOAD", Text("UNIQUE_IDENTIFIER", "1")),
                                 Enum("OPERATION", ACTIVATE, mark="op"))),
     "OutOfOrder", "INVALID_MESSAGE", "op", [RM, BI, "OPERATION"])
case("attribute-value-before-name",
     request(request_header(), item(CREATE, create_payload(
         create_children()[0],
         S("TEMPLATE_ATTRIBUTE", S("ATTRIBUTE", Int("ATTRIBUTE_VALUE", 256),
                                   Text("ATTRIBUTE_NAME", "Cryptographic Length", mark="name")))))),
     "OutOfOrder", "INVALID_MESSAGE", "name",
     [RM, BI, RP, "TEMPLATE_ATTRIBUTE", "ATTRIBUTE", "ATTRIBUTE_NAME"])
case("batch-item-before-header",
     S("REQUEST_MESSAGE", activate(), S("REQUEST_HEADER", *request_header(), mark="header")),
     "OutOfOrder", "INVALID_MESSAGE", "header", [RM, RH])
case("key-value-before-key-format-type",
     get_response(obj=S("SYMMETRIC_KEY", key_block(
         S("KEY_VALUE", Bytes("KEY_MATERIAL", bytes(16))),
         Enum("KEY_FORMAT_TYPE", 1, mark="format")))),
     "OutOfOrder", "INVALID_MESSAGE", "format",
     [SM, BI, RSP, "SYMMETRIC_KEY", "KEY_BLOCK", "KEY_FORMAT_TYPE"])

# A single field twice.
case("maximum-response-size-twice",
     request([version(), Int("MAXIMUM_RESPONSE_SIZE", 4096),
              Int("MAXIMUM_RESPONSE_SIZE", 8192, mark="second"), Int("BATCH_COUNT", 1)],
             activate()),
     "Duplicate", "INVALID_MESSAGE", "second", [RM, RH, "MAXIMUM_RESPONSE_SIZE"])
case("operation-twice",
     request(request_header(), S("BATCH_ITEM", Enum("OPERATION", ACTIVATE),
                                 Enum("OPERATION", ACTIVATE, mark="second"),
                                 S("REQUEST_PAYLOAD", Text("UNIQUE_IDENTIFIER", "1")))),
     "Duplicate", "INVALID_MESSAGE", "second", [RM, BI, "OPERATION"])
case("request-header-twice",
     S("REQUEST_MESSAGE", S("REQUEST_HEADER", *request_header()),
       S("REQUEST_HEADER", *request_header(), mark="second"), activate()),
     "Duplicate", "INVALID_MESSAGE", "second", [RM, RH])
case("register-with-two-objects",
     request(request_header(), item(REGISTER, S(
         "REQUEST_PAYLOAD", Enum("OBJECT_TYPE", SYMMETRIC_KEY), S("TEMPLATE_ATTRIBUTE"),
         S("SYMMETRIC_KEY", key_block(*raw_aes_key_block_children())),
         S("SYMMETRIC_KEY", key_block(*raw_aes_key_block_children()), mark="second")))),
     "Duplicate", "INVALID_MESSAGE", "second", [RM, BI, RP, "SYMMETRIC_KEY"])

# Batch Count.
case("batch-count-2-with-one-item",
     request(request_header(count=2), activate()),
     "BatchCount", "INVALID_MESSAGE", "header", [RM, RH])
case("batch-count-1-with-two-items",
     request(request_header(count=1), activate(mark="first"), activate(mark="second")),
     "BatchCount", "INVALID_MESSAGE", "header", [RM, RH])

# Values the model rejects.
case("get-response-object-type-does-not-match-object",
     get_response(object_type=PUBLIC_KEY),
     "InvalidValue", "INVALID_FIELD", "object", [SM, BI, RSP, "SYMMETRIC_KEY"])
case("protocol-version-with-an-extra-item",
     request([version(extra=[Int("BATCH_COUNT", 1, mark="extra")]), Int("BATCH_COUNT", 1)],
             activate()),
     "InvalidValue", "INVALID_FIELD", "extra", [RM, RH, PV, "BATCH_COUNT"])
case("response-message-where-request-expected",
     get_response(),
     "UnexpectedTag", "INVALID_MESSAGE", 0, [], decode_as="request")

# An operation no KMIP 1.x version defines (a vendor's, 0x80000001): the message decodes with
# the payload kept raw; `RequestMessage::decode_typed` refuses it. (Until the KMIP 1.2-1.4
# payloads were typed this case used Encrypt, 0x1F, which now decodes typed.)
case("operation-vendor-extension",
     request(request_header(), S("BATCH_ITEM", Enum("OPERATION", 0x80000001, mark="op"),
                                 S("REQUEST_PAYLOAD", Text("UNIQUE_IDENTIFIER", "1")))),
     "typed:UnsupportedOperation", "OPERATION_NOT_SUPPORTED", "op", [RM, BI, "OPERATION"])

# Bytes that are not valid TTLV (kmip-ttlv's diagnosis, with the KMIP names in the path).
case("non-zero-padding",
     request(request_header(), item(ACTIVATE, S("REQUEST_PAYLOAD", Text(
         "UNIQUE_IDENTIFIER", "1", padding=b"\0\0\0\x01\0\0\0", mark="uid")))),
     "Ttlv/NonZeroPadding", "INVALID_MESSAGE", ("uid", 8 + 1 + 3), [RM, BI, RP, "UNIQUE_IDENTIFIER"])
case("boolean-value-2",
     request([version(), Item("ASYNCHRONOUS_INDICATOR", BOOLEAN, struct.pack(">Q", 2), mark="b"),
              Int("BATCH_COUNT", 1)], activate()),
     "Ttlv/InvalidBoolean", "INVALID_MESSAGE", ("b", 8), [RM, RH, "ASYNCHRONOUS_INDICATOR"])
case("text-string-not-utf8",
     request(request_header(), item(ACTIVATE, S("REQUEST_PAYLOAD", Item(
         "UNIQUE_IDENTIFIER", TEXT_STRING, b"ab\xff", mark="uid")))),
     "Ttlv/InvalidUtf8", "INVALID_MESSAGE", ("uid", 8 + 2), [RM, BI, RP, "UNIQUE_IDENTIFIER"])


def truncated():
    marks = {}
    full = encode(request(request_header(), activate()), marks)
    return full[:-8]


TRUNCATED = {
    "truncated": ("request", "Ttlv/Truncated", "INVALID_MESSAGE", 0, [RM]),
}


REASONS = {
    "INVALID_MESSAGE": "Invalid Message",
    "INVALID_FIELD": "Invalid Field",
    "MISSING_DATA": "Missing Data",
    "OPERATION_NOT_SUPPORTED": "Operation Not Supported",
}


def main():
    lines = [
        "# One file per defect: `file = decoded as; kind; Result Reason; offset; tag path` (tags",
        "# in hex, outermost first, `-` for none; `Ttlv/X` is kmip-ttlv's kind X), checked by",
        "# tests/malformed.rs. Written by make_malformed.py, which builds each KMIP 1.1 message",
        "# item by item with one defect and records the offset where it put the defective item.",
        "# `typed:` means `RequestMessage::decode` accepts the message (the payload is kept raw)",
        "# and `RequestMessage::decode_typed` refuses it.",
    ]
    outputs = {}
    for name, (message, decode_as, kind, reason, at, path) in CASES.items():
        marks = {}
        data = encode(message, marks)
        if isinstance(at, tuple):
            offset = marks[at[0]] + at[1]
        elif isinstance(at, str):
            offset = marks[at]
        else:
            offset = at
        outputs[name] = (data, decode_as, kind, reason, offset, path)
    for name, (decode_as, kind, reason, offset, path) in TRUNCATED.items():
        outputs[name] = (truncated(), decode_as, kind, reason, offset, path)
    for old in os.listdir(HERE):
        if old.endswith(".ttlv"):
            os.remove(os.path.join(HERE, old))
    for name in sorted(outputs):
        data, decode_as, kind, reason, offset, path = outputs[name]
        with open(os.path.join(HERE, name + ".ttlv"), "wb") as f:
            f.write(data)
        tags = "/".join("%06X" % TAGS[t] for t in path) or "-"
        lines.append("%s.ttlv = %s; %s; %s; %d; %s"
                     % (name, decode_as, kind, REASONS[reason], offset, tags))
    with open(os.path.join(HERE, "expected.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
