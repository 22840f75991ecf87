import pytest

from yrdcollab.casework.evidence import store
from yrdcollab.casework.evidence.kinds import EvidenceKind, EvidenceType, decision_needs_remarks, evidence_type_of
from yrdcollab.core.errors import InvalidInput
from yrdcollab.testing.files import docx_bytes, pdf_bytes, png_bytes, upload


def test_named_kinds_map_to_their_article_46_type():
    assert evidence_type_of(EvidenceKind.SITE_INSPECTION_RECORD) == EvidenceType.INSPECTION_RECORD
    assert evidence_type_of(EvidenceKind.INQUIRY_RECORD) == EvidenceType.PARTY_STATEMENT
    assert evidence_type_of(EvidenceKind.TEST_REPORT) == EvidenceType.EXPERT_OPINION
    assert evidence_type_of(EvidenceKind.SEIZED_ITEM) == EvidenceType.PHYSICAL
    assert evidence_type_of("electronic") == EvidenceType.ELECTRONIC
    assert len(EvidenceType.values) == 8
    assert decision_needs_remarks("not_recognized") and not decision_needs_remarks("recognized")


@pytest.mark.parametrize(
    "data, expected",
    [
        (png_bytes(), "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
        (pdf_bytes(), "application/pdf"),
        (docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("现场情况说明：占道经营。\n".encode(), "text/plain"),
        (b"MZ\x90\x00\x03" + b"\x00" * 60, None),  # a Windows executable
        (b"GIF89a" + b"\x00" * 20, None),  # an image type we do not accept
        (b"\xff\xfe\x00t\x00e\x00x\x00t", None),  # not UTF-8 / contains NUL
        (b"PK\x03\x04" + b"\x00" * 40, None),  # a plain zip
    ],
)
def test_type_is_sniffed_from_content(data, expected):
    assert store.sniff_content_type(data) == expected


def test_a_pdf_named_photo_jpg_is_a_pdf_and_an_exe_named_pdf_is_refused():
    assert store.read_upload(upload("photo.jpg", pdf_bytes())).content_type == "application/pdf"
    with pytest.raises(InvalidInput) as err:
        store.read_upload(upload("report.pdf", b"MZ\x90\x00" + b"\x00" * 100))
    assert err.value.code == "file_type_not_allowed" and "report.pdf" in str(err.value.message)


def test_size_limit(settings):
    settings.YRD_EVIDENCE_MAX_BYTES = 100
    with pytest.raises(InvalidInput) as err:
        store.read_upload(upload("big.txt", b"a" * 101))
    assert err.value.code == "file_too_large"
    assert store.read_upload(upload("ok.txt", b"a" * 100)).size == 100


def test_empty_file_and_images_only():
    with pytest.raises(InvalidInput) as err:
        store.read_upload(upload("empty.png", b""))
    assert err.value.code == "file_empty"
    with pytest.raises(InvalidInput) as err:
        store.read_upload(upload("photo.png", pdf_bytes()), images_only=True)
    assert err.value.code == "file_type_not_allowed"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\a\\现场照片.jpg", "现场照片.jpg"),
        ("a\x00b\r\n.png", "ab.png"),
        ("", "file"),
        ("...", "file"),
    ],
)
def test_display_name_is_sanitised(raw, clean):
    assert store.sanitize_display_name(raw) == clean


def test_long_display_name_keeps_extension():
    name = store.sanitize_display_name("长" * 300 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


def test_store_is_content_addressed_and_write_once(settings):
    data = pdf_bytes("once")
    digest = store.store_put(data)
    path = settings.STORAGES["default"]["OPTIONS"]["location"] / "evidence" / digest[:2] / digest
    assert path.read_bytes() == data
    assert store.store_put(data) == digest  # idempotent
    blob = store.store_get(digest)
    assert blob.data == data and blob.sha256 == digest
    path.write_bytes(b"tampered")
    assert store.store_get(digest).sha256 != digest
    assert store.store_hash(digest) == store.sha256_hex(b"tampered")
    with pytest.raises(Exception) as err:
        store.store_put(data)  # never overwrites the altered file
    assert getattr(err.value, "code", "") == "stored_file_corrupt"
    assert path.read_bytes() == b"tampered"


def test_missing_file_and_bad_names():
    with pytest.raises(store.StoredFileMissing):
        store.store_get("0" * 64)
    with pytest.raises(ValueError):
        store.storage_name("../../x")
