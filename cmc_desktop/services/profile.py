"""The CMC's profile: read for every document she gives out, edited at first run and in Paramètres."""

from ..data.repositories import audit, profile, settings
from ..domain.audit import AuditCode
from ..domain.profile import CmcProfile
from .workspace import Workspace

PROFILE_ASKED = "profile_asked"
"""The first-run profile step was shown (filled in or skipped): it is not asked again."""


def get_profile(ws: Workspace) -> CmcProfile:
    with ws.store.session() as s:
        return profile.get(s)


def save_profile(ws: Workspace, edited: CmcProfile) -> CmcProfile:
    """Check and store the profile; the journal says that it changed, never what it holds."""
    cleaned = edited.validated()
    with ws.store.session() as s:
        previous = profile.get(s)
        if cleaned == previous:
            return cleaned
        profile.save(s, cleaned)
        settings.put(s, PROFILE_ASKED, True)
        changed = [part for part, differs in (("coordonnees", previous.without_logo() != cleaned.without_logo()),
                                              ("logo", previous.logo_png != cleaned.logo_png)) if differs]
        audit.append(s, AuditCode.PROFILE_UPDATED, ws.clock.now(), detail=f"champs={','.join(changed)}")
    return cleaned


def profile_to_ask(ws: Workspace) -> bool:
    """Whether the first-run profile step is still to be shown (never shown, profile still empty)."""
    with ws.store.session() as s:
        return not settings.get_bool(s, PROFILE_ASKED, False) and profile.get(s).is_empty


def skip_profile(ws: Workspace) -> None:
    """The CMC chose « Plus tard »: Paramètres keeps the profile within reach, the step is not shown again."""
    with ws.store.session() as s:
        settings.put(s, PROFILE_ASKED, True)
