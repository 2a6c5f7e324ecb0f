"""A real export conforms to the documented schema (docs/export-agent.schema.json): every key documented, every
code listed, nothing undocumented. A small validator for the subset of JSON Schema the document uses."""

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from cmc_desktop.domain.accompaniment import ProjectKind, Questionnaire, Result
from cmc_desktop.domain.bpp import Exercise, Phase
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.data_rights import RightsRequestKind
from cmc_desktop.domain.interview import E3Role, InterviewType
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import accompaniments, agent_export, rights, satisfaction
from cmc_desktop.services import synthesis as synthesis_service
from cmc_desktop.services.accompaniments import RequestInput
from cmc_desktop.services.bpp import add_exercise
from cmc_desktop.services.consents import give_consent
from cmc_desktop.services.interviews import add_e3_interview
from cmc_desktop.services.synthesis_versions import save_version
from cmc_desktop.services.workspace import Workspace

from .synthesis_helpers import bpp_agent

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "export-agent.schema.json").read_text("utf-8"))
TYPES = {"string": str, "integer": int, "boolean": bool, "object": dict, "array": list, "null": type(None)}


def problems(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    if "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    found: list[str] = []
    if "const" in schema and value != schema["const"]:
        found.append(f"{where}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} hors de {schema['enum']}")
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(isinstance(value, TYPES[k]) and not (k == "integer" and isinstance(value, bool)) for k in kinds):
            found.append(f"{where}: {type(value).__name__} au lieu de {kinds}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{where}: {value!r} ne suit pas {schema['pattern']}")
    if isinstance(value, dict) and "properties" in schema:
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{where}.{key}: manquant")
        for key, item in value.items():
            if key in schema["properties"]:
                found += problems(item, schema["properties"][key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}.{key}: non documenté")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += problems(item, schema["items"], f"{where}[{index}]")
    return found


def test_a_full_export_conforms_to_the_documented_schema(ws: Workspace) -> None:
    agent_id, bpp_id = bpp_agent(ws, "Arbousier", "Hélène")
    accompaniments.record_request(ws, agent_id, RequestInput(date(2026, 10, 1), need="Besoin", promised_days=15))
    add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, date(2026, 10, 26))
    add_exercise(ws, Exercise(bpp_id, "Ligne de vie", date(2026, 11, 3), due_on=date(2026, 11, 20)))
    document = synthesis_service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    synthesis_service.set_field(ws, document, "1.1", "Évoluer vers le conseil", Author.AGENT)
    synthesis_service.set_actions(ws, document, [PlanAction("Immersion", "2 mois", "03/2027", ["Contacter"])],
                                  Author.CMC)
    save_version(ws, document, "Première version")
    give_consent(ws, document, RecipientKind.SERVICE_RH, "RH", "Document", date(2026, 11, 4))
    satisfaction.record(ws, Satisfaction(agent_id, AccompanimentKind.BPP, date(2026, 11, 10), AnswerVia.SEANCE,
                                         overall=9, comment="Merci"))
    rights.record_rights_request(ws, agent_id, RightsRequestKind.ACCES, date(2026, 11, 12))
    export = agent_export.build_export(ws, agent_id, include_private_notes=True)
    data = json.loads(json.dumps(export.data))
    assert problems(data, SCHEMA) == []
    assert data["entretiens"][0]["type"] == InterviewType.E3.value and data["bpp"][0]["exercices"]
    assert data["documents_de_synthese"][0]["versions"][0]["libelle"] == "Première version"


def test_the_schema_lists_every_code_of_the_outcome() -> None:
    accompaniment = SCHEMA["properties"]["demandes_accompagnement"]["items"]["properties"]
    assert accompaniment["type_de_projet"]["enum"][:-1] == [k.value for k in ProjectKind]
    assert accompaniment["resultat"]["enum"][:-1] == [r.value for r in Result]
    assert accompaniment["questionnaire"]["enum"][:-1] == [q.value for q in Questionnaire]


def test_the_validator_catches_an_undocumented_key() -> None:
    assert problems({"format": "cmc-desktop/export-agent", "inconnu": 1}, SCHEMA)[-1] == "$.inconnu: non documenté"
