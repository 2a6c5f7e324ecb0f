"""What every use case needs: the open store and the clock."""

from dataclasses import dataclass, field

from ..data.store import Store
from ..domain.clock import Clock


@dataclass
class Workspace:
    store: Store
    clock: Clock = field(default_factory=Clock)
