"""A social service (``services/<id>.yaml``): its provider, kind, capacity and contacts."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator

from kplan.plan.base import TextOrList, _Document, _f, _list, _Model, as_list
from kplan.plan.dates import Day
from kplan.plan.statuses import ServiceFormWord
from kplan.plan.values import Headcount, Ico, NeedRef, Number, RegistryId, Slug, Text


class ServiceKind(StrEnum):
    """Kinds of social services under zákon 108/2006 Sb., as slugs of their names."""

    ODBORNE_SOCIALNI_PORADENSTVI = "odborne-socialni-poradenstvi"
    OSOBNI_ASISTENCE = "osobni-asistence"
    PECOVATELSKA_SLUZBA = "pecovatelska-sluzba"
    TISNOVA_PECE = "tisnova-pece"
    PRUVODCOVSKE_A_PREDCITATELSKE_SLUZBY = "pruvodcovske-a-predcitatelske-sluzby"
    PODPORA_SAMOSTATNEHO_BYDLENI = "podpora-samostatneho-bydleni"
    ODLEHCOVACI_SLUZBY = "odlehcovaci-sluzby"
    CENTRA_DENNICH_SLUZEB = "centra-dennich-sluzeb"
    DENNI_STACIONARE = "denni-stacionare"
    TYDENNI_STACIONARE = "tydenni-stacionare"
    DOMOVY_PRO_OSOBY_SE_ZDRAVOTNIM_POSTIZENIM = "domovy-pro-osoby-se-zdravotnim-postizenim"
    DOMOVY_PRO_SENIORY = "domovy-pro-seniory"
    DOMOVY_SE_ZVLASTNIM_REZIMEM = "domovy-se-zvlastnim-rezimem"
    CHRANENE_BYDLENI = "chranene-bydleni"
    SLUZBY_VE_ZDRAVOTNICKYCH_ZARIZENICH = "socialni-sluzby-ve-zdravotnickych-zarizenich"
    RANA_PECE = "rana-pece"
    TELEFONICKA_KRIZOVA_POMOC = "telefonicka-krizova-pomoc"
    TLUMOCNICKE_SLUZBY = "tlumocnicke-sluzby"
    AZYLOVE_DOMY = "azylove-domy"
    DOMY_NA_PUL_CESTY = "domy-na-pul-cesty"
    KONTAKTNI_CENTRA = "kontaktni-centra"
    KRIZOVA_POMOC = "krizova-pomoc"
    INTERVENCNI_CENTRA = "intervencni-centra"
    NIZKOPRAHOVA_DENNI_CENTRA = "nizkoprahova-denni-centra"
    NIZKOPRAHOVA_ZARIZENI_PRO_DETI_A_MLADEZ = "nizkoprahova-zarizeni-pro-deti-a-mladez"
    NOCLEHARNY = "nocleharny"
    SLUZBY_NASLEDNE_PECE = "sluzby-nasledne-pece"
    SAS_PRO_RODINY_S_DETMI = "socialne-aktivizacni-sluzby-pro-rodiny-s-detmi"
    SAS_PRO_SENIORY_A_OZP = (
        "socialne-aktivizacni-sluzby-pro-seniory-a-osoby-se-zdravotnim-postizenim")
    SOCIALNE_TERAPEUTICKE_DILNY = "socialne-terapeuticke-dilny"
    TERAPEUTICKE_KOMUNITY = "terapeuticke-komunity"
    TERENNI_PROGRAMY = "terenni-programy"
    SOCIALNI_REHABILITACE = "socialni-rehabilitace"
    OTHER = "other"
    """Not a registered social service ("související aktivita"); ``kind_name`` says what."""

    @property
    def paragraph(self) -> str:
        """The section of zákon 108/2006 Sb. that defines this kind: ``§69``; empty for other."""
        return SERVICE_PARAGRAPHS.get(self, "")


SERVICE_PARAGRAPHS: dict[ServiceKind, str] = dict(zip(list(ServiceKind)[:-1], (
    "§37", "§39", "§40", "§41", "§42", "§43", "§44", "§45", "§46", "§47", "§48", "§49", "§50",
    "§51", "§52", "§54", "§55", "§56", "§57", "§58", "§59", "§60", "§60a", "§61", "§62", "§63",
    "§64", "§65", "§66", "§67", "§68", "§69", "§70"), strict=True))



class Provider(_Model):
    name: Text = _f("Poskytovatel", "Název poskytovatele.")
    ico: Ico | None = _f("IČO", "IČO poskytovatele: 8 číslic v uvozovkách.", None)
    address: Text | None = _f("Adresa", "Adresa sídla nebo provozovny.", None)


class Contact(_Model):
    name: Text | None = _f("Jméno", "Jméno kontaktní osoby nebo pracoviště; stačí i jen "
                           "role.", None)
    role: Text | None = _f("Role", "Pozice nebo role, např. Vedoucí služby.", None)
    phone: TextOrList | None = _f("Telefon", "Telefon v uvozovkách, např. \"+420 596 123 "
                                  "456\", nebo jejich seznam.", None)
    email: TextOrList | None = _f("E-mail", "E-mailová adresa, nebo jejich seznam.", None)
    public: bool = _f("Veřejný", "true = kontakt smí být ve veřejných výstupech; osobní "
                      "kontakty nechte false.", False)

    @property
    def phones(self) -> list[str]:
        return as_list(self.phone)

    @property
    def emails(self) -> list[str]:
        return as_list(self.email)


class Capacity(_Model):
    value: Number = _f("Kapacita", "Počet, např. 20.")
    unit: Text = _f("Jednotka", "Čeho, např. lůžek, klientů, úvazků.")
    note: Text | None = _f("Poznámka", "Upřesnění, např. přímá péče.", None)


def _capacity_list(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


class Service(_Document):
    id: Slug = _f("Identifikátor", "Identifikátor služby; shoduje se s názvem souboru.")
    name: Text = _f("Název", "Název služby.")
    provider: Provider = _f("Poskytovatel", "Kdo službu poskytuje.")
    kind: ServiceKind = _f("Druh služby", "Druh podle zákona 108/2006 Sb., např. "
                           "terenni-programy (§69), nebo other: jiná než registrovaná "
                           "sociální služba (související aktivita), pak ji pojmenuje "
                           "„kind_name“.")
    kind_name: Text | None = _f("Název druhu", "U kind: other co to je, např. Mobilní hospic.",
                                None)
    forms: list[ServiceFormWord] = _list("Formy", "ambulantní, terénní, pobytová (nebo "
                                         "ambulatory, field, residential).")
    registry_id: RegistryId | None = _f("Identifikátor v registru", "Identifikátor služby "
                                        "v registru poskytovatelů sociálních služeb.", None)
    groups: list[Slug] = _list("Pracovní skupiny", "Skupiny, do kterých služba patří.")
    target_groups: list[Text] = _list("Cílové skupiny", "Pro koho služba je.")
    area: Text | None = _f("Území", "Kde služba působí.", None)
    hours: Text | None = _f("Provozní doba", "Kdy je služba k dispozici, např. "
                            "\"Po–Pá 9:00–16:00\".", None)
    staff: Headcount | None = _f("Pracovníci", "Počet pracovníků (nebo úvazků) v přímé péči.",
                              None)
    capacity: Annotated[list[Capacity], BeforeValidator(_capacity_list)] = _list(
        "Kapacita", "Kapacita: {value: 20, unit: lůžek, note: null}, nebo jejich seznam.")
    website: Text | None = _f("Web", "Webová stránka služby, např. https://www.example.cz.",
                              None)
    certified_until: Day | None = _f("Osvědčení do", "Konec platnosti osvědčení odborné "
                                     "způsobilosti (RVKPZ), je-li.", None)
    contacts: list[Contact] = _list("Kontakty", "Kontakty; osobní jen s public: false.")
    needs: list[NeedRef] = _list("Potřeby", "Které potřeby služba pokrývá: analýza/potřeba.")
