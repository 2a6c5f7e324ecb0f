"""The CMC's own profile: one row, printed on the documents she gives out (revision 0005)."""

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime, utcnow


class ProfileRow(Base):
    __tablename__ = "cmc_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1: there is one CMC per store
    last_name: Mapped[str] = mapped_column(String(200), default="")
    first_name: Mapped[str] = mapped_column(String(200), default="")
    function: Mapped[str] = mapped_column(String(200), default="")
    administration: Mapped[str] = mapped_column(String(200), default="")
    service: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
