"""Persons who own problems and measures."""

from govcredit_desktop.core import validation
from govcredit_desktop.core.errors import UserError

_OWNERSHIP = (
    "SELECT (SELECT count(*) FROM problem WHERE responsible_person_id = :id"
    " OR responsible_leader_id = :id) + (SELECT count(*) FROM measure WHERE owner_id = :id)"
)


class PeopleMixin:
    def list_persons(self, active_only: bool = False) -> list[dict]:
        where = "WHERE active = 1" if active_only else ""
        return self.query(f"SELECT * FROM person {where} ORDER BY active DESC, name, id")

    def get_person(self, person_id: int) -> dict:
        return self.get("person", person_id)

    def add_person(self, values: dict) -> int:
        rec = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        return self._insert("person", rec, validation.validate_person)

    def update_person(self, person_id: int, changes: dict) -> dict:
        rec = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()}
        return self._update("person", person_id, rec, validation.validate_person)

    def set_person_active(self, person_id: int, active: bool) -> None:
        self._update("person", person_id, {"active": 1 if active else 0})

    def person_ownership_count(self, person_id: int) -> int:
        return self.scalar(_OWNERSHIP, {"id": person_id})

    def delete_person(self, person_id: int) -> None:
        """Only a person who owns nothing may be deleted; others are deactivated."""
        with self.transaction():
            owned = self.person_ownership_count(person_id)
            if owned:
                name = self.get_person(person_id)["name"]
                raise UserError(f"{name}仍是{owned}个问题或措施的责任人，不能删除，只能停用")
            self._delete("person", person_id)
