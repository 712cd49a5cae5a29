"""The few protobuf messages of a current Anki package that the reader needs,
declared with the field numbers of Anki's own .proto files
(proto/anki/import_export.proto, notetypes.proto); protobuf's parser skips
every field not declared here."""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError

_F = descriptor_pb2.FieldDescriptorProto
_MESSAGES = {
    # MediaEntries { repeated MediaEntry entries = 1; }
    "MediaEntry": [("name", 1, _F.TYPE_STRING, _F.LABEL_OPTIONAL),
                   ("size", 2, _F.TYPE_UINT32, _F.LABEL_OPTIONAL),
                   ("sha1", 3, _F.TYPE_BYTES, _F.LABEL_OPTIONAL),
                   ("legacy_zip_filename", 255, _F.TYPE_UINT32, _F.LABEL_OPTIONAL)],
    "MediaEntries": [("entries", 1, _F.TYPE_MESSAGE, _F.LABEL_REPEATED, ".cardsite.anki.MediaEntry")],
    # Notetype.Config { Kind kind = 1; ... }  (KIND_NORMAL = 0, KIND_CLOZE = 1)
    "NotetypeConfig": [("kind", 1, _F.TYPE_INT32, _F.LABEL_OPTIONAL)],
    # Notetype.Template.Config { string q_format = 1; string a_format = 2; ... }
    "TemplateConfig": [("q_format", 1, _F.TYPE_STRING, _F.LABEL_OPTIONAL),
                       ("a_format", 2, _F.TYPE_STRING, _F.LABEL_OPTIONAL)],
}


def _classes() -> dict:
    proto = descriptor_pb2.FileDescriptorProto(name="cardsite_anki.proto", package="cardsite.anki", syntax="proto3")
    for name, fields in _MESSAGES.items():
        message = proto.message_type.add(name=name)
        for field_name, number, kind, label, *type_name in fields:
            added = message.field.add(name=field_name, number=number, type=kind, label=label)
            if type_name:
                added.type_name = type_name[0]
            if field_name == "legacy_zip_filename":
                added.proto3_optional = True
                added.oneof_index = len(message.oneof_decl)
                message.oneof_decl.add(name="_" + field_name)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"cardsite.anki.{name}"))
            for name in _MESSAGES}


_CLASSES = _classes()


def media_entries(data: bytes) -> list:
    return list(_parsed("MediaEntries", data).entries)


def template_config(data: bytes):
    return _parsed("TemplateConfig", data)


def is_cloze(notetype_config: bytes) -> bool:
    return _parsed("NotetypeConfig", notetype_config).kind == 1


def _parsed(message: str, data: bytes | None):
    try:
        return _CLASSES[message].FromString(data or b"")
    except DecodeError as exc:  # the reader reports ValueError as a damaged package
        raise ValueError(f"damaged {message} record ({exc})") from exc
