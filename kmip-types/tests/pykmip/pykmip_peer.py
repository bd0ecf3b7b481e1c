#!/usr/bin/env python3
"""PyKMIP (0.11) as a real KMIP peer for kmip-types' interop test (tests/pykmip_interop.rs).

  pykmip_peer.py produce   Encodes requests and responses for every operation PyKMIP models
                           with PyKMIP's own encoder (kmip.core.messages, payloads,
                           BytearrayStream), those of KMIP 1.0/1.1 operations in every version
                           from 1.0 to 1.4 (`name@1.x`), one line each on stdout:
                             name <TAB> request|response <TAB> hex <TAB> expected|strings
                           The expected strings must appear in kmip-types' Debug of the
                           decoded message (identifiers, names, values).

  pykmip_peer.py decode    Reads lines `name <TAB> request|response <TAB> hex <TAB> 1.x` on stdin
                           (messages kmip-types encoded, and the KMIP version to read them
                           as), decodes each with PyKMIP's decoder, re-encodes
                           it with PyKMIP's encoder, and prints one line per message:
                             name <TAB> ok|error <TAB> same|different <TAB> facts
                             <TAB> values
                           where facts are `key=value` pairs separated by `|` (protocol version,
                           operations, unique identifiers, result status, ...) and values are
                           every primitive PyKMIP decoded, `TAG=value`, sorted, `|`-separated.
                           (`same` says whether PyKMIP re-encodes the message to the same bytes;
                           PyKMIP 0.11 re-encodes a decoded Text String whose length is a
                           multiple of 8 with 8 extra padding bytes, so that is informational.)

Exit status 0 on success; any Python exception is a failure the Rust test reports.
"""

import binascii
import sys

from kmip.core import attributes as attr
from kmip.core import enums
from kmip.core import misc
from kmip.core import objects
from kmip.core import primitives
from kmip.core import secrets
from kmip.core.factories.attributes import AttributeFactory
from kmip.core.factories.payloads.request import RequestPayloadFactory
from kmip.core.factories.payloads.response import ResponsePayloadFactory
from kmip.core.messages import contents
from kmip.core.messages import messages
from kmip.core.messages import payloads
from kmip.core.utils import BytearrayStream

V1_1 = enums.KMIPVersion.KMIP_1_1
V1_2 = enums.KMIPVersion.KMIP_1_2
AF = AttributeFactory()
UID = "2c7a7b4e-0d5a-4b2e-9c11-d0f0c0ffee01"
UID2 = "2c7a7b4e-0d5a-4b2e-9c11-d0f0c0ffee02"
KEY = bytes(range(0x10, 0x30))  # 32 bytes, an AES-256 test key


def _patch_factories():
    """PyKMIP's payload factories read only some operations; register the payload classes it
    has for the others, so its decoder reads every payload it models."""
    req = {
        "archive": payloads.ArchiveRequestPayload,
        "recover": payloads.RecoverRequestPayload,
        "cancel": payloads.CancelRequestPayload,
        "poll": payloads.PollRequestPayload,
        "obtain_lease": payloads.ObtainLeaseRequestPayload,
        "get_usage_allocation": payloads.GetUsageAllocationRequestPayload,
    }
    resp = {
        "archive": payloads.ArchiveResponsePayload,
        "recover": payloads.RecoverResponsePayload,
        "cancel": payloads.CancelResponsePayload,
        "obtain_lease": payloads.ObtainLeaseResponsePayload,
        "get_usage_allocation": payloads.GetUsageAllocationResponsePayload,
    }
    for name, cls in req.items():
        setattr(RequestPayloadFactory, "_create_%s_payload" % name,
                lambda self, cls=cls: cls())
    for name, cls in resp.items():
        setattr(ResponsePayloadFactory, "_create_%s_payload" % name,
                lambda self, cls=cls: cls())


def template(*attrs):
    return objects.TemplateAttribute(attributes=list(attrs))


def aes_template():
    return template(
        AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM,
                            enums.CryptographicAlgorithm.AES),
        AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 256),
        AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK,
                            [enums.CryptographicUsageMask.ENCRYPT,
                             enums.CryptographicUsageMask.DECRYPT]),
        AF.create_attribute(enums.AttributeType.NAME, "interop-key"),
    )


def symmetric_key():
    block = objects.KeyBlock(
        key_format_type=misc.KeyFormatType(enums.KeyFormatType.RAW),
        key_value=objects.KeyValue(objects.KeyMaterial(KEY)),
        cryptographic_algorithm=attr.CryptographicAlgorithm(
            enums.CryptographicAlgorithm.AES),
        cryptographic_length=attr.CryptographicLength(256),
    )
    return secrets.SymmetricKey(block)


def wrapped_symmetric_key():
    wrapping = objects.KeyWrappingData(
        wrapping_method=enums.WrappingMethod.ENCRYPT,
        encryption_key_information=objects.EncryptionKeyInformation(
            unique_identifier=UID2,
            cryptographic_parameters=attr.CryptographicParameters(
                block_cipher_mode=enums.BlockCipherMode.NIST_KEY_WRAP)),
        encoding_option=enums.EncodingOption.NO_ENCODING,
    )
    block = objects.KeyBlock(
        key_format_type=misc.KeyFormatType(enums.KeyFormatType.RAW),
        key_value=objects.KeyValue(objects.KeyMaterial(bytes(40))),
        cryptographic_algorithm=attr.CryptographicAlgorithm(
            enums.CryptographicAlgorithm.AES),
        cryptographic_length=attr.CryptographicLength(256),
        key_wrapping_data=wrapping,
    )
    return secrets.SymmetricKey(block)


def request_messages():
    """(name, operation, payload, version, expected strings) for every request."""
    yield ("create", enums.Operation.CREATE,
           payloads.CreateRequestPayload(enums.ObjectType.SYMMETRIC_KEY, aes_template()),
           V1_1, ["Create", "Symmetric Key", "AES", "interop-key", "Encrypt | Decrypt"])
    yield ("create_key_pair", enums.Operation.CREATE_KEY_PAIR,
           payloads.CreateKeyPairRequestPayload(
               common_template_attribute=objects.TemplateAttribute(
                   attributes=[
                       AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM,
                                           enums.CryptographicAlgorithm.RSA),
                       AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 2048)],
                   tag=enums.Tags.COMMON_TEMPLATE_ATTRIBUTE),
               private_key_template_attribute=objects.TemplateAttribute(
                   attributes=[AF.create_attribute(
                       enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK,
                       [enums.CryptographicUsageMask.SIGN])],
                   tag=enums.Tags.PRIVATE_KEY_TEMPLATE_ATTRIBUTE),
               public_key_template_attribute=objects.TemplateAttribute(
                   attributes=[AF.create_attribute(
                       enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK,
                       [enums.CryptographicUsageMask.VERIFY])],
                   tag=enums.Tags.PUBLIC_KEY_TEMPLATE_ATTRIBUTE)),
           V1_1, ["Create Key Pair", "RSA", "2048", "Sign", "Verify"])
    yield ("register", enums.Operation.REGISTER,
           payloads.RegisterRequestPayload(
               object_type=enums.ObjectType.SYMMETRIC_KEY,
               template_attribute=template(
                   AF.create_attribute(enums.AttributeType.NAME, "registered")),
               managed_object=symmetric_key()),
           V1_1, ["Register", "registered", "<redacted, 32 bytes>"])
    yield ("rekey", enums.Operation.REKEY,
           payloads.RekeyRequestPayload(unique_identifier=UID, offset=3600,
                                        template_attribute=template(
                                            AF.create_attribute(
                                                enums.AttributeType.ACTIVATION_DATE,
                                                1700000000))),
           V1_1, ["Re-key", UID, "3600", "2023-11-14T22:13:20Z"])
    yield ("rekey_key_pair", enums.Operation.REKEY_KEY_PAIR,
           payloads.RekeyKeyPairRequestPayload(
               private_key_uuid=attr.PrivateKeyUniqueIdentifier(UID), offset=misc.Offset(60)),
           V1_1, ["Re-key Key Pair", UID])
    yield ("derive_key", enums.Operation.DERIVE_KEY,
           payloads.DeriveKeyRequestPayload(
               object_type=enums.ObjectType.SYMMETRIC_KEY,
               unique_identifiers=[UID, UID2],
               derivation_method=enums.DerivationMethod.HASH,
               derivation_parameters=attr.DerivationParameters(
                   cryptographic_parameters=attr.CryptographicParameters(
                       hashing_algorithm=enums.HashingAlgorithm.SHA_256),
                   derivation_data=b"\x01\x02\x03\x04"),
               template_attribute=template(
                   AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 128))),
           V1_1, ["Derive Key", "HASH", "SHA-256", UID2, "01020304"])
    yield ("locate", enums.Operation.LOCATE,
           payloads.LocateRequestPayload(
               maximum_items=10,
               storage_status_mask=3,
               object_group_member=enums.ObjectGroupMember.GROUP_MEMBER_FRESH,
               attributes=[
                   AF.create_attribute(enums.AttributeType.OBJECT_TYPE,
                                       enums.ObjectType.SYMMETRIC_KEY),
                   AF.create_attribute(enums.AttributeType.NAME, "interop-key")]),
           V1_1, ["Locate", "Group Member Fresh", "On-line storage | Archival storage",
                  "interop-key"])
    yield ("check", enums.Operation.CHECK,
           payloads.CheckRequestPayload(unique_identifier=UID, usage_limits_count=500,
                                        cryptographic_usage_mask=12, lease_time=0),
           V1_1, ["Check", UID, "500", "Encrypt | Decrypt"])
    yield ("get", enums.Operation.GET,
           payloads.GetRequestPayload(
               unique_identifier=UID,
               key_format_type=enums.KeyFormatType.RAW,
               key_wrapping_specification=objects.KeyWrappingSpecification(
                   wrapping_method=enums.WrappingMethod.ENCRYPT,
                   encryption_key_information=objects.EncryptionKeyInformation(
                       unique_identifier=UID2,
                       cryptographic_parameters=attr.CryptographicParameters(
                           block_cipher_mode=enums.BlockCipherMode.NIST_KEY_WRAP)),
                   encoding_option=enums.EncodingOption.NO_ENCODING)),
           V1_1, ["Get", UID, "NISTKeyWrap", "No Encoding"])
    yield ("get_attributes", enums.Operation.GET_ATTRIBUTES,
           payloads.GetAttributesRequestPayload(
               unique_identifier=UID, attribute_names=["State", "x-Custom"]),
           V1_1, ["Get Attributes", UID, "x-Custom"])
    yield ("get_attribute_list", enums.Operation.GET_ATTRIBUTE_LIST,
           payloads.GetAttributeListRequestPayload(unique_identifier=UID),
           V1_1, ["Get Attribute List", UID])
    yield ("modify_attribute", enums.Operation.MODIFY_ATTRIBUTE,
           payloads.ModifyAttributeRequestPayload(
               unique_identifier=UID,
               attribute=AF.create_attribute(enums.AttributeType.CONTACT_INFORMATION,
                                             "ops@example.com", index=0)),
           V1_1, ["Modify Attribute", "ops@example.com"])
    yield ("delete_attribute", enums.Operation.DELETE_ATTRIBUTE,
           payloads.DeleteAttributeRequestPayload(
               unique_identifier=UID, attribute_name="Contact Information",
               attribute_index=0),
           V1_1, ["Delete Attribute", "Contact Information"])
    yield ("obtain_lease", enums.Operation.OBTAIN_LEASE,
           payloads.ObtainLeaseRequestPayload(unique_identifier=UID),
           V1_1, ["Obtain Lease", UID])
    yield ("get_usage_allocation", enums.Operation.GET_USAGE_ALLOCATION,
           payloads.GetUsageAllocationRequestPayload(unique_identifier=UID,
                                                     usage_limits_count=1000),
           V1_1, ["Get Usage Allocation", "1000"])
    yield ("activate", enums.Operation.ACTIVATE,
           payloads.ActivateRequestPayload(unique_identifier=attr.UniqueIdentifier(UID)),
           V1_1, ["Activate", UID])
    yield ("revoke", enums.Operation.REVOKE,
           payloads.RevokeRequestPayload(
               unique_identifier=attr.UniqueIdentifier(UID),
               revocation_reason=objects.RevocationReason(
                   code=enums.RevocationReasonCode.KEY_COMPROMISE,
                   message="lost laptop"),
               compromise_occurrence_date=primitives.DateTime(
                   1600000000, tag=enums.Tags.COMPROMISE_OCCURRENCE_DATE)),
           V1_1, ["Revoke", "Key Compromise", "lost laptop", "2020-09-13T12:26:40Z"])
    yield ("destroy", enums.Operation.DESTROY,
           payloads.DestroyRequestPayload(unique_identifier=attr.UniqueIdentifier(UID)),
           V1_1, ["Destroy", UID])
    yield ("archive", enums.Operation.ARCHIVE,
           payloads.ArchiveRequestPayload(unique_identifier=UID),
           V1_1, ["Archive", UID])
    yield ("recover", enums.Operation.RECOVER,
           payloads.RecoverRequestPayload(unique_identifier=UID),
           V1_1, ["Recover", UID])
    yield ("query", enums.Operation.QUERY,
           payloads.QueryRequestPayload(query_functions=[
               enums.QueryFunction.QUERY_OPERATIONS,
               enums.QueryFunction.QUERY_OBJECTS,
               enums.QueryFunction.QUERY_SERVER_INFORMATION,
               enums.QueryFunction.QUERY_EXTENSION_LIST]),
           V1_1, ["Query", "Query Server Information", "Query Extension List"])
    yield ("discover_versions", enums.Operation.DISCOVER_VERSIONS,
           payloads.DiscoverVersionsRequestPayload(protocol_versions=[
               contents.ProtocolVersion(1, 2), contents.ProtocolVersion(1, 1),
               contents.ProtocolVersion(1, 0)]),
           V1_1, ["Discover Versions", "1.2", "1.0"])
    yield ("cancel", enums.Operation.CANCEL,
           payloads.CancelRequestPayload(asynchronous_correlation_value=b"\xab\xcd"),
           V1_1, ["Cancel", "abcd"])
    yield ("poll", enums.Operation.POLL,
           payloads.PollRequestPayload(asynchronous_correlation_value=b"\xab\xcd"),
           V1_1, ["Poll", "abcd"])
    # KMIP 1.2 operations that PyKMIP models, typed by kmip-types (the Data of a request is
    # secret: redacted).
    yield ("encrypt_kmip_1_2", enums.Operation.ENCRYPT,
           payloads.EncryptRequestPayload(
               unique_identifier=UID,
               cryptographic_parameters=attr.CryptographicParameters(
                   block_cipher_mode=enums.BlockCipherMode.GCM,
                   cryptographic_algorithm=enums.CryptographicAlgorithm.AES,
                   random_iv=True, tag_length=16),
               data=b"plaintext", iv_counter_nonce=bytes(16)),
           V1_2, ["operation: Encrypt", UID, "<redacted, 9 bytes>", "GCM", "random_iv: true",
                  "tag_length: 16", "00000000000000000000000000000000"])
    yield ("decrypt_kmip_1_2", enums.Operation.DECRYPT,
           payloads.DecryptRequestPayload(unique_identifier=UID, data=b"ciphertext",
                                          iv_counter_nonce=b"\x07" * 12),
           V1_2, ["operation: Decrypt", UID, "<redacted, 10 bytes>", "070707070707070707070707"])
    yield ("sign_kmip_1_2", enums.Operation.SIGN,
           payloads.SignRequestPayload(
               unique_identifier=UID,
               cryptographic_parameters=attr.CryptographicParameters(
                   digital_signature_algorithm=enums.DigitalSignatureAlgorithm.SHA256_WITH_RSA_ENCRYPTION),
               data=b"to be signed"),
           V1_2, ["operation: Sign", UID, "<redacted, 12 bytes>", "SHA-256 with RSA Encryption"])
    yield ("signature_verify_kmip_1_2", enums.Operation.SIGNATURE_VERIFY,
           payloads.SignatureVerifyRequestPayload(unique_identifier=UID, data=b"to be signed",
                                                  signature_data=b"\x5c" * 8),
           V1_2, ["operation: Signature Verify", UID, "5c5c5c5c5c5c5c5c"])
    # The same 1.2 operations in a KMIP 1.1 header, as PyKMIP's client sends them: their
    # payloads (Data, 0x4200C2, is a 1.2 tag) must come back out byte for byte.
    yield ("encrypt_in_kmip_1_1", enums.Operation.ENCRYPT,
           payloads.EncryptRequestPayload(unique_identifier=UID, data=b"plaintext",
                                          iv_counter_nonce=bytes(16)),
           V1_1, ["operation: Encrypt", UID, "<redacted, 9 bytes>"])
    yield ("mac_in_kmip_1_1", enums.Operation.MAC,
           payloads.MACRequestPayload(
               unique_identifier=attr.UniqueIdentifier(UID),
               cryptographic_parameters=attr.CryptographicParameters(
                   cryptographic_algorithm=enums.CryptographicAlgorithm.HMAC_SHA256),
               data=objects.Data(b"message to authenticate")),
           V1_1, ["operation: MAC", UID, "HMAC-SHA256", "<redacted, 23 bytes>"])


def response_messages():
    yield ("create", enums.Operation.CREATE,
           payloads.CreateResponsePayload(enums.ObjectType.SYMMETRIC_KEY, UID),
           V1_1, ["Create", UID])
    yield ("create_key_pair", enums.Operation.CREATE_KEY_PAIR,
           payloads.CreateKeyPairResponsePayload(private_key_unique_identifier=UID,
                                                 public_key_unique_identifier=UID2),
           V1_1, ["Create Key Pair", UID, UID2])
    yield ("register", enums.Operation.REGISTER,
           payloads.RegisterResponsePayload(unique_identifier=UID),
           V1_1, ["Register", UID])
    yield ("rekey", enums.Operation.REKEY,
           payloads.RekeyResponsePayload(unique_identifier=UID2),
           V1_1, ["Re-key", UID2])
    yield ("rekey_key_pair", enums.Operation.REKEY_KEY_PAIR,
           payloads.RekeyKeyPairResponsePayload(private_key_uuid=UID, public_key_uuid=UID2),
           V1_1, ["Re-key Key Pair", UID2])
    yield ("derive_key", enums.Operation.DERIVE_KEY,
           payloads.DeriveKeyResponsePayload(unique_identifier=UID),
           V1_1, ["Derive Key", UID])
    yield ("locate", enums.Operation.LOCATE,
           payloads.LocateResponsePayload(unique_identifiers=[UID, UID2]),
           V1_1, ["Locate", UID, UID2])
    yield ("check", enums.Operation.CHECK,
           payloads.CheckResponsePayload(unique_identifier=UID, usage_limits_count=500),
           V1_1, ["Check", "500"])
    yield ("get", enums.Operation.GET,
           payloads.GetResponsePayload(object_type=enums.ObjectType.SYMMETRIC_KEY,
                                       unique_identifier=UID, secret=symmetric_key()),
           V1_1, ["Get", UID, "Raw", "AES", "<redacted, 32 bytes>"])
    yield ("get_wrapped", enums.Operation.GET,
           payloads.GetResponsePayload(object_type=enums.ObjectType.SYMMETRIC_KEY,
                                       unique_identifier=UID,
                                       secret=wrapped_symmetric_key()),
           V1_1, ["Get", "KeyWrappingData", "NISTKeyWrap", "No Encoding", UID2])
    yield ("get_attributes", enums.Operation.GET_ATTRIBUTES,
           payloads.GetAttributesResponsePayload(
               unique_identifier=UID,
               attributes=[
                   AF.create_attribute(enums.AttributeType.STATE, enums.State.ACTIVE),
                   AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 256),
                   AF.create_attribute(enums.AttributeType.OBJECT_GROUP, "vms"),
                   AF.create_attribute(enums.AttributeType.INITIAL_DATE, 1700000000)]),
           V1_1, ["Get Attributes", "Active", "256", "vms", "2023-11-14T22:13:20Z"])
    yield ("get_attribute_list", enums.Operation.GET_ATTRIBUTE_LIST,
           payloads.GetAttributeListResponsePayload(
               unique_identifier=UID, attribute_names=["State", "Name", "x-Custom"]),
           V1_1, ["Get Attribute List", "x-Custom"])
    yield ("modify_attribute", enums.Operation.MODIFY_ATTRIBUTE,
           payloads.ModifyAttributeResponsePayload(
               unique_identifier=UID,
               attribute=AF.create_attribute(enums.AttributeType.CONTACT_INFORMATION,
                                             "ops@example.com", index=0)),
           V1_1, ["Modify Attribute", "ops@example.com"])
    yield ("delete_attribute", enums.Operation.DELETE_ATTRIBUTE,
           payloads.DeleteAttributeResponsePayload(
               unique_identifier=UID,
               attribute=AF.create_attribute(enums.AttributeType.CONTACT_INFORMATION,
                                             "ops@example.com", index=0)),
           V1_1, ["Delete Attribute", "ops@example.com"])
    yield ("obtain_lease", enums.Operation.OBTAIN_LEASE,
           payloads.ObtainLeaseResponsePayload(unique_identifier=UID, lease_time=3600,
                                               last_change_date=1700000000),
           V1_1, ["Obtain Lease", "3600", "2023-11-14T22:13:20Z"])
    yield ("get_usage_allocation", enums.Operation.GET_USAGE_ALLOCATION,
           payloads.GetUsageAllocationResponsePayload(unique_identifier=UID),
           V1_1, ["Get Usage Allocation", UID])
    yield ("activate", enums.Operation.ACTIVATE,
           payloads.ActivateResponsePayload(unique_identifier=attr.UniqueIdentifier(UID)),
           V1_1, ["Activate", UID])
    yield ("revoke", enums.Operation.REVOKE,
           payloads.RevokeResponsePayload(unique_identifier=attr.UniqueIdentifier(UID)),
           V1_1, ["Revoke", UID])
    yield ("destroy", enums.Operation.DESTROY,
           payloads.DestroyResponsePayload(unique_identifier=attr.UniqueIdentifier(UID)),
           V1_1, ["Destroy", UID])
    yield ("archive", enums.Operation.ARCHIVE,
           payloads.ArchiveResponsePayload(unique_identifier=UID),
           V1_1, ["Archive", UID])
    yield ("recover", enums.Operation.RECOVER,
           payloads.RecoverResponsePayload(unique_identifier=UID),
           V1_1, ["Recover", UID])
    yield ("query", enums.Operation.QUERY,
           payloads.QueryResponsePayload(
               operations=[enums.Operation.CREATE, enums.Operation.GET,
                           enums.Operation.DISCOVER_VERSIONS],
               object_types=[enums.ObjectType.SYMMETRIC_KEY],
               vendor_identification="PyKMIP interop",
               application_namespaces=["ssl"],
               extension_information=[objects.ExtensionInformation(
                   extension_name=objects.ExtensionName("ACME Extension"),
                   extension_tag=objects.ExtensionTag(0x540001),
                   extension_type=objects.ExtensionType(7))]),
           V1_1, ["Query", "Discover Versions", "PyKMIP interop", "ACME Extension"])
    yield ("discover_versions", enums.Operation.DISCOVER_VERSIONS,
           payloads.DiscoverVersionsResponsePayload(protocol_versions=[
               contents.ProtocolVersion(1, 1), contents.ProtocolVersion(1, 0)]),
           V1_1, ["Discover Versions", "1.1", "1.0"])
    yield ("cancel", enums.Operation.CANCEL,
           payloads.CancelResponsePayload(asynchronous_correlation_value=b"\xab\xcd",
                                          cancellation_result=enums.CancellationResult.CANCELED),
           V1_1, ["Cancel", "Canceled"])
    yield ("encrypt_kmip_1_2", enums.Operation.ENCRYPT,
           payloads.EncryptResponsePayload(unique_identifier=UID, data=b"ciphertext",
                                           iv_counter_nonce=b"\x09" * 12),
           V1_2, ["operation: Encrypt", UID, b"ciphertext".hex(), "090909090909090909090909"])
    yield ("decrypt_kmip_1_2", enums.Operation.DECRYPT,
           payloads.DecryptResponsePayload(unique_identifier=UID, data=b"plaintext"),
           V1_2, ["operation: Decrypt", UID, "<redacted, 9 bytes>"])
    yield ("sign_kmip_1_2", enums.Operation.SIGN,
           payloads.SignResponsePayload(unique_identifier=UID, signature_data=b"\x5c" * 8),
           V1_2, ["operation: Sign", UID, "5c5c5c5c5c5c5c5c"])
    yield ("signature_verify_kmip_1_2", enums.Operation.SIGNATURE_VERIFY,
           payloads.SignatureVerifyResponsePayload(
               unique_identifier=UID, validity_indicator=enums.ValidityIndicator.VALID),
           V1_2, ["operation: Signature Verify", UID, "Valid"])
    yield ("mac_kmip_1_2", enums.Operation.MAC,
           payloads.MACResponsePayload(unique_identifier=attr.UniqueIdentifier(UID),
                                      mac_data=objects.MACData(b"\x00" * 32)),
           V1_2, ["operation: MAC", UID, "00" * 32])
    yield ("encrypt_in_kmip_1_1", enums.Operation.ENCRYPT,
           payloads.EncryptResponsePayload(unique_identifier=UID, data=b"ciphertext"),
           V1_1, ["operation: Encrypt", UID, b"ciphertext".hex()])
    yield ("mac_in_kmip_1_1", enums.Operation.MAC,
           payloads.MACResponsePayload(unique_identifier=attr.UniqueIdentifier(UID),
                                      mac_data=objects.MACData(b"\x5a" * 32)),
           V1_1, ["operation: MAC", UID, "5a" * 32])


# Every KMIP 1.x version: the messages of 1.0/1.1 operations are also produced in each.
VERSIONS = [enums.KMIPVersion.KMIP_1_0, V1_1, V1_2, enums.KMIPVersion.KMIP_1_3,
            enums.KMIPVersion.KMIP_1_4]
BY_NAME = {"%.1f" % v.value: v for v in VERSIONS}
# The operations KMIP 1.1 added.
OPS_1_1 = {enums.Operation.REKEY_KEY_PAIR, enums.Operation.DISCOVER_VERSIONS}


def version(v):
    return contents.ProtocolVersion(1, int(round((v.value - 1) * 10)))


def encode_request(op, payload, v, unique_batch_item_id=None, auth=None):
    header = messages.RequestHeader(
        protocol_version=version(v),
        maximum_response_size=contents.MaximumResponseSize(65536),
        authentication=auth,
        batch_count=contents.BatchCount(1))
    item = messages.RequestBatchItem(
        operation=contents.Operation(op),
        unique_batch_item_id=unique_batch_item_id,
        request_payload=payload)
    stream = BytearrayStream()
    messages.RequestMessage(request_header=header, batch_items=[item]).write(
        stream, kmip_version=v)
    return stream.buffer


def encode_response(op, payload, v):
    header = messages.ResponseHeader(
        protocol_version=version(v),
        time_stamp=contents.TimeStamp(1700000000),
        batch_count=contents.BatchCount(1))
    item = messages.ResponseBatchItem(
        operation=contents.Operation(op),
        unique_batch_item_id=contents.UniqueBatchItemID(b"\x00\x01"),
        result_status=contents.ResultStatus(enums.ResultStatus.SUCCESS),
        response_payload=payload)
    stream = BytearrayStream()
    messages.ResponseMessage(response_header=header, batch_items=[item]).write(
        stream, kmip_version=v)
    return stream.buffer


def failure_response():
    header = messages.ResponseHeader(
        protocol_version=contents.ProtocolVersion(1, 1),
        time_stamp=contents.TimeStamp(1700000000),
        batch_count=contents.BatchCount(2))
    items = [
        messages.ResponseBatchItem(
            operation=contents.Operation(enums.Operation.GET),
            unique_batch_item_id=contents.UniqueBatchItemID(b"\x01"),
            result_status=contents.ResultStatus(enums.ResultStatus.OPERATION_FAILED),
            result_reason=contents.ResultReason(enums.ResultReason.ITEM_NOT_FOUND),
            result_message=contents.ResultMessage("no such key")),
        messages.ResponseBatchItem(
            operation=contents.Operation(enums.Operation.LOCATE),
            unique_batch_item_id=contents.UniqueBatchItemID(b"\x02"),
            result_status=contents.ResultStatus(enums.ResultStatus.OPERATION_PENDING),
            async_correlation_value=contents.AsynchronousCorrelationValue(b"\x99")),
    ]
    stream = BytearrayStream()
    messages.ResponseMessage(response_header=header, batch_items=items).write(
        stream, kmip_version=V1_1)
    return stream.buffer


def authenticated_request():
    credential = objects.Credential(
        credential_type=enums.CredentialType.USERNAME_AND_PASSWORD,
        credential_value=objects.UsernamePasswordCredential(
            username="vcenter", password="s3cret-pw"))
    device = objects.Credential(
        credential_type=enums.CredentialType.DEVICE,
        credential_value=objects.DeviceCredential(
            device_serial_number="SN-1", password="dev-pw", device_identifier="dev-1",
            network_identifier="net-1", machine_identifier="mach-1",
            media_identifier="media-1"))
    auth = contents.Authentication(credentials=[credential, device])
    return encode_request(enums.Operation.GET,
                          payloads.GetRequestPayload(unique_identifier=UID), V1_2,
                          unique_batch_item_id=contents.UniqueBatchItemID(b"\x07"),
                          auth=auth)


def produce():
    out = []
    for name, op, payload, v, expect in request_messages():
        out.append((name, "request", encode_request(op, payload, v), expect))
    for name, op, payload, v, expect in response_messages():
        out.append((name, "response", encode_response(op, payload, v), expect))
    # The same 1.0/1.1 operations in KMIP 1.0, 1.2, 1.3 and 1.4 headers, encoded by PyKMIP
    # for that version. (For 1.0, PyKMIP leaves out what 1.0 lacks, such as Query's Extension
    # Information: the expected strings are not checked there, the bytes and types are.)
    for other in VERSIONS:
        if other == V1_1:
            continue
        keep = (lambda e: e) if other != enums.KMIPVersion.KMIP_1_0 else (lambda e: [])
        for name, op, payload, v, expect in request_messages():
            # KMIP 1.1's own operations are not sent in a 1.0 header.
            if other == enums.KMIPVersion.KMIP_1_0 and op in OPS_1_1:
                continue
            if v == V1_1:
                out.append(("%s@%.1f" % (name, other.value), "request",
                            encode_request(op, payload, other), keep(expect)))
        for name, op, payload, v, expect in response_messages():
            if other == enums.KMIPVersion.KMIP_1_0 and op in OPS_1_1:
                continue
            if v == V1_1:
                out.append(("%s@%.1f" % (name, other.value), "response",
                            encode_response(op, payload, other), keep(expect)))
    out.append(("failures", "response", failure_response(),
                ["Item Not Found", "no such key", "Operation Pending", "99"]))
    out.append(("authenticated_get", "request", authenticated_request(),
                ["vcenter", "Device", "SN-1", "media-1"]))
    for name, kind, data, expect in out:
        print("\t".join([name, kind, binascii.hexlify(bytes(data)).decode(),
                         "|".join(expect)]))


def facts(message, kind):
    if kind == "request":
        header = message.request_header
    else:
        header = message.response_header
    pv = header.protocol_version
    out = ["version=%d.%d" % (pv.major, pv.minor),
           "batch_count=%d" % header.batch_count.value]
    for item in message.batch_items:
        if item.operation is not None:
            out.append("operation=%d" % item.operation.value.value)
        if kind == "response":
            out.append("status=%d" % item.result_status.value.value)
        payload = item.request_payload if kind == "request" else item.response_payload
        if payload is not None:
            out.append("payload=%s" % type(payload).__name__)
            uid = getattr(payload, "unique_identifier", None)
            if uid is not None and not isinstance(uid, (list, tuple)):
                out.append("uid=%s" % getattr(uid, "value", uid))
            for u in getattr(payload, "unique_identifiers", None) or []:
                out.append("uid=%s" % getattr(u, "value", u))
            secret = getattr(payload, "secret", None)
            if secret is not None:
                material = secret.key_block.key_value.key_material
                out.append("key=%s" % binascii.hexlify(bytes(material.value)).decode())
    return "|".join(out)


def leaves(obj, out, seen):
    """Every primitive value PyKMIP decoded, as `TAG=value` strings (the tag in hex; integers,
    enumerations, intervals and date-times in decimal; booleans as true/false; text as is;
    bytes and big integers in hex): the same form the Rust test computes from the bytes."""
    if id(obj) in seen:
        return
    if isinstance(obj, (list, tuple)):
        for o in obj:
            leaves(o, out, seen)
        return
    if not isinstance(obj, primitives.Base):
        return
    seen.add(id(obj))
    if isinstance(obj, primitives.Struct) or type(obj).__name__ in (
            "Struct", "KeyValue", "KeyBlock"):
        for v in vars(obj).values():
            leaves(v, out, seen)
        if not isinstance(obj, primitives.Struct):
            return
        return
    tag = obj.tag.value if hasattr(obj.tag, "value") else obj.tag
    value = obj.value
    if isinstance(obj, primitives.Boolean):
        text = "true" if value else "false"
    elif isinstance(obj, primitives.BigInteger):
        length = max(8, ((value.bit_length() + 8) // 64 + 1) * 8) if value else 8
        text = value.to_bytes(length, "big", signed=True).hex()
    elif isinstance(value, (bytes, bytearray)):
        text = bytes(value).hex()
    elif hasattr(value, "value"):
        text = str(value.value)
    else:
        text = str(value)
    out.append("%06X=%s" % (tag, text))


def decode():
    _patch_factories()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        name, kind, hexdata, v = line.split("\t")
        data = binascii.unhexlify(hexdata)
        kmip_version = BY_NAME[v]
        cls = messages.RequestMessage if kind == "request" else messages.ResponseMessage
        try:
            message = cls()
            message.read(BytearrayStream(data), kmip_version=kmip_version)
            stream = BytearrayStream()
            message.write(stream, kmip_version=kmip_version)
            same = "same" if bytes(stream.buffer) == data else "different"
            values = []
            leaves(message, values, set())
            print("\t".join([name, "ok", same, facts(message, kind),
                             "|".join(sorted(values))]))
        except Exception as e:  # reported to the Rust test, which fails on it
            print("\t".join([name, "error", "-", "%s: %s" % (type(e).__name__, e), "-"]))


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("produce", "decode"):
        sys.stderr.write(__doc__)
        return 2
    if sys.argv[1] == "produce":
        produce()
    else:
        decode()
    return 0


if __name__ == "__main__":
    sys.exit(main())
