"""Time and peak memory of refusing each crafted PDF (used by test_fillable_budget.py; runs on its own too).

`python -m tests.pdf.measure_import` prints a table; `--json` one JSON line per case, then the largest resident
size any child reached. It runs in a process of its own so that the children's peak memory is theirs alone
(RUSAGE_CHILDREN). `--in-process` measures the same files read by pypdf in this process, as the import did
before it had a budget (slow: up to a minute).
"""

import io
import json
import resource
import sys
import time
from collections.abc import Callable

from cmc_desktop.domain.errors import DomainError
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.pdf.fillable_import import read_fillable
from tests.pdf import crafted

CASES: dict[str, Callable[[], bytes]] = {
    "arbre de champs de 5 000 niveaux": lambda: crafted.deep_field_tree(5000),
    "arbre de champs de 3 000 niveaux, scellé": lambda: crafted.deep_field_tree(3000, sealed=True),
    "20 000 champs": lambda: crafted.many_fields(20_000),
    "valeur imbriquée dans 100 000 tableaux": lambda: crafted.nested_arrays(100_000),
    "page de 100 000 opérateurs de texte": lambda: crafted.slow_page(100_000),
    "XObject appelé 5 000 fois": lambda: crafted.repeated_form_xobject(5000, 10_000),
    "10 flux d'objets de 16 Mio une fois décompressés": lambda: crafted.object_stream_bomb(10, 16),
}


def refuse(data: bytes) -> str:
    try:
        read_fillable(data, lambda seal: SynthesisKind.BPP)
    except DomainError as error:
        return str(error)
    return "lu"


def in_process(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        fields = reader.get_fields() or {}
        if not fields:
            reader.pages[0].extract_text()
        return f"lu ({len(fields)} champs)"
    except Exception as error:
        return type(error).__name__


def main(argv: list[str]) -> int:
    read = in_process if "--in-process" in argv else refuse
    for name, build in CASES.items():
        data = build()
        start = time.monotonic()
        outcome = read(data)
        elapsed = time.monotonic() - start
        if "--json" in argv:
            print(json.dumps({"cas": name, "octets": len(data), "secondes": elapsed, "issue": outcome}), flush=True)
        else:
            print(f"{name:<52} {len(data) / 1024:8.0f} Kio {elapsed:7.2f} s  {outcome[:70]}", flush=True)
    usage = resource.getrusage(resource.RUSAGE_SELF if read is in_process else resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss // 1024  # Linux: kilobytes
    print(json.dumps({"pic_mio": peak}) if "--json" in argv else f"pic de mémoire résidente : {peak} Mio")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
