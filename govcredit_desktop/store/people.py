"""Persons who own problems and measures."""

from govcredit_desktop.core import validation
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store.records import RecordStore, stripped

_OWNERSHIP = (
    "SELECT (SELECT count(*) FROM problem WHERE responsible_person_id = :id"
    " OR responsible_leader_id = :id) + (SELECT count(*) FROM measure WHERE owner_id = :id)"
)


class PeopleStore(RecordStore):
    table = "person"
    noun = "责任人"

    def list(self, active_only: bool = False) -> list[dict]:
        where = "WHERE active = 1" if active_only else ""
        return self.db.query(f"SELECT * FROM person {where} ORDER BY active DESC, name, id")

    def same_name(self, name: str, exclude_id: int | None = None) -> "list[dict]":
        """Persons already called ``name`` (two 张伟 in one bureau happen; the ui asks)."""
        name = (stripped({"name": name}).get("name") or "")
        return self.db.query("SELECT * FROM person WHERE name = :name AND id IS NOT :id"
                             " ORDER BY id", {"name": name, "id": exclude_id})

    def add(self, values: dict) -> int:
        rec = stripped(values)
        return self._insert(rec, validation.validate_person)

    def update(self, person_id: int, changes: dict) -> dict:
        rec = stripped(changes)
        return self._update(person_id, rec, validation.validate_person)

    def set_active(self, person_id: int, active: bool) -> None:
        self._update(person_id, {"active": 1 if active else 0})

    def ownership_count(self, person_id: int) -> int:
        return self.db.scalar(_OWNERSHIP, {"id": person_id})

    def delete(self, person_id: int) -> None:
        """Only a person who owns nothing may be deleted; others are deactivated."""
        with self.db.transaction():
            owned = self.ownership_count(person_id)
            if owned:
                name = self.get(person_id)["name"]
                raise UserError(f"{name}仍是{owned}个问题或措施的责任人，不能删除，只能停用")
            named = self.db.scalar("SELECT count(*) FROM dishonesty_record WHERE person_id = ?",
                                   (person_id,))
            if named:
                name = self.get(person_id)["name"]
                raise UserError(f"{name}涉及{named}条政务失信记录，不能删除，只能停用")
            self._delete(person_id)
