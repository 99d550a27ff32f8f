"""The services of the yearly report (and of the site and the tables): what the templates
read of a service, its public contacts only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kplan.plan.service import Service, ServiceKind

KIND_NAMES: Final[dict[ServiceKind, str]] = dict(zip(ServiceKind, (
    "odborné sociální poradenství", "osobní asistence", "pečovatelská služba", "tísňová péče",
    "průvodcovské a předčitatelské služby", "podpora samostatného bydlení",
    "odlehčovací služby", "centra denních služeb", "denní stacionáře", "týdenní stacionáře",
    "domovy pro osoby se zdravotním postižením", "domovy pro seniory",
    "domovy se zvláštním režimem", "chráněné bydlení",
    "sociální služby poskytované ve zdravotnických zařízeních lůžkové péče", "raná péče",
    "telefonická krizová pomoc", "tlumočnické služby", "azylové domy", "domy na půl cesty",
    "kontaktní centra", "krizová pomoc", "intervenční centra", "nízkoprahová denní centra",
    "nízkoprahová zařízení pro děti a mládež", "noclehárny", "služby následné péče",
    "sociálně aktivizační služby pro rodiny s dětmi",
    "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením",
    "sociálně terapeutické dílny", "terapeutické komunity", "terénní programy",
    "sociální rehabilitace", "související aktivita"), strict=True))
"""The names zákon 108/2006 Sb. gives the kinds; a legal term, so the same in English. The
last, ``other``, is no kind of the law: a service's ``kind_name`` names it."""


# --- the context ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ContactEntry:
    name: str
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class CapacityEntry:
    value: float
    unit: str
    note: str | None


@dataclass(frozen=True, slots=True)
class ServiceEntry:
    id: str
    name: str
    kind: str
    kind_name: str
    paragraph: str
    provider: str
    provider_address: str | None
    area: str | None
    hours: str | None
    contacts: tuple[ContactEntry, ...]
    """Public contacts only; the others never reach a template."""
    hidden_contacts: int
    forms: tuple[str, ...] = ()
    """``ambulatory``, ``field``, ``residential``: the ``label`` filter says them in Czech."""
    capacity: tuple[CapacityEntry, ...] = ()
    website: str | None = None



def service_entry(service: Service) -> ServiceEntry:
    public = tuple(ContactEntry(c.name or c.role or "", c.role if c.name else None,
                                ", ".join(c.phones) or None, ", ".join(c.emails) or None)
                   for c in service.contacts if c.public)
    return ServiceEntry(
        id=service.id, name=service.name, kind=service.kind.value,
        kind_name=service.kind_name or KIND_NAMES[service.kind],
        paragraph=service.kind.paragraph,
        provider=service.provider.name, provider_address=service.provider.address,
        area=service.area, hours=service.hours, contacts=public,
        hidden_contacts=len(service.contacts) - len(public),
        forms=tuple(f.value for f in service.forms),
        capacity=tuple(CapacityEntry(c.value, c.unit, c.note) for c in service.capacity),
        website=service.website)
