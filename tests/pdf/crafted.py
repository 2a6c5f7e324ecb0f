"""Hostile PDFs built byte by byte for the import tests: small files that cost a parser time or memory.

Generated on each run (no binary is kept in the repository). Sizes and costs with pypdf 7.1 read in process,
as the import did before it had a budget, are in test_fillable_budget.py.
"""

import struct
import zlib

CATALOG = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] >> >>"
NO_PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"
# Two extra top-level fields at objects 8000 and 8001 carrying a seal (which the tests' seal check accepts).
SEAL = {8000: b"<< /FT /Tx /T (cmc_pseudo_id) /V (DS-CRAFTED) >>", 8001: b"<< /FT /Tx /T (cmc_token) /V (v1-0) >>"}
SEAL_REFS = b"8000 0 R 8001 0 R "


def assemble(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def deep_field_tree(depth: int, *, sealed: bool = False) -> bytes:
    """One field under `depth` levels of /Kids: recursive readers of the field tree go as deep."""
    objects = {1: CATALOG % ((SEAL_REFS if sealed else b"") + b"3 0 R"), 2: NO_PAGES, **(SEAL if sealed else {})}
    for level in range(depth):
        objects[3 + level] = b"<< /T (n%d) /Kids [%d 0 R] >>" % (level, 4 + level)
    objects[3 + depth] = b"<< /FT /Tx /T (cmc_token) /V (v1-0) >>"
    return assemble(objects)


def many_fields(count: int) -> bytes:
    """`count` text fields, one object each."""
    objects = {1: CATALOG % b" ".join(b"%d 0 R" % (3 + i) for i in range(count)), 2: NO_PAGES}
    objects |= {3 + i: b"<< /FT /Tx /T (f%d) /V (v) >>" % i for i in range(count)}
    return assemble(objects)


def nested_arrays(depth: int) -> bytes:
    """A seal value nested `depth` arrays deep."""
    return assemble({1: CATALOG % b"3 0 R", 2: NO_PAGES,
                     3: b"<< /FT /Tx /T (cmc_pseudo_id) /V %s%s >>" % (b"[" * depth, b"]" * depth)})


def slow_page(operators: int) -> bytes:
    """No form; one page whose content repeats a text operator `operators` times (deflated to a few KB):
    extracting its text is slow, and the import extracts page 1's text to recognise a form printed to PDF."""
    content = zlib.compress(b"BT /F1 1 Tf (a) Tj ET\n" * operators, 9)
    return assemble({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
                        b"/Contents 4 0 R >>",
                     4: stream(content, b"/Filter /FlateDecode"),
                     5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"})


def inflating(prefix: bytes, mib: int) -> bytes:
    """A zlib stream of `prefix` then `mib` MiB of spaces, made in a fraction of a second: each MiB is deflated
    once after a full flush (which resets the compressor, so every copy encodes alike) and repeated."""
    block = b" " * (1 << 20)
    deflate = zlib.compressobj(9)
    head = deflate.compress(prefix) + deflate.flush(zlib.Z_FULL_FLUSH)
    body = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.flush(zlib.Z_FINISH)[:-4]  # the final empty block, without the checksum of what it saw
    checksum = zlib.adler32(prefix)
    for _ in range(mib):
        checksum = zlib.adler32(block, checksum)
    return head + body * mib + end + checksum.to_bytes(4, "big")


def object_stream_bomb(streams: int, padding_mib: int) -> bytes:
    """`streams` fields, each alone in an object stream padded to `padding_mib` MiB once inflated (a MiB of
    spaces deflates to 1 KB): reading the form inflates them all and keeps them in memory."""
    fields = [100 + i for i in range(streams)]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def put(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    put(1, CATALOG % b" ".join(b"%d 0 R" % n for n in fields))
    put(2, NO_PAGES)
    for i, number in enumerate(fields):
        body = b"<< /FT /Tx /T (f%d) /V (v) >>" % i
        head = b"%d 0 " % number
        data = inflating(head + body, padding_mib)
        put(3 + i, stream(data, b"/Type /ObjStm /N 1 /First %d /Filter /FlateDecode" % len(head)))
    xref_number = 3 + streams
    size = fields[-1] + 1
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for number in range(1, size):
        if number in offsets:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
        elif number in fields:
            rows.append(struct.pack(">BIH", 2, 3 + fields.index(number), 0))
        else:
            rows.append(struct.pack(">BIH", 0, 0, 0))
    rows.append(struct.pack(">BIH", 1, len(out), 0))  # the xref stream itself
    table = zlib.compress(b"".join(rows))
    xref_offset = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (xref_number, stream(
        table, b"/Type /XRef /W [1 4 2] /Index [0 %d %d 1] /Size %d /Root 1 0 R /Filter /FlateDecode"
        % (size, xref_number, max(size, xref_number + 1))))
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def repeated_form_xobject(invocations: int, operators: int) -> bytes:
    """No form; page 1 draws one form XObject `invocations` times, the XObject repeating a text operator
    `operators` times: extracting the page's text reads the XObject's content again at each invocation."""
    page = b"/X0 Do\n" * invocations
    xobject = zlib.compress(b"BT /F1 1 Tf (a) Tj ET\n" * operators, 9)
    resources = b"/Resources << /Font << /F1 6 0 R >> >>"
    return assemble({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X0 5 0 R >> "
                        b">> /Contents 4 0 R >>",
                     4: stream(zlib.compress(page, 9), b"/Filter /FlateDecode"),
                     5: stream(xobject, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] %s /Filter /FlateDecode"
                               % resources),
                     6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"})
