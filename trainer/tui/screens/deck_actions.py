"""Home's deck actions: rename (`r`) and remove (`Delete`, after a confirmation), through
`trainer.services.deckadmin`; the home table is read again after each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.errors import TrainerError
from trainer.services import deckadmin
from trainer.tui.screens.dialogs import TextPrompt, confirm

if TYPE_CHECKING:
    from trainer.tui.screens.home import HomeScreen


def rename_deck(home: HomeScreen, name: str) -> None:
    """Ask for a new name, then rename the deck."""
    app = home.trainer_app

    def chosen(new: str | None) -> None:
        if new is None or new.strip() == name:
            return
        try:
            done = deckadmin.rename(app.store.engine, name, new)
        except TrainerError as exc:
            app.show_error(str(exc))
            return
        where = f"（文件 {done.path}）" if done.path is not None else ""
        app.notify(f"{name} → {done.new}，卡片和复习记录都保留{where}", title="已改名")
        home.refresh_decks()

    app.push_screen(TextPrompt(f"卡组「{name}」的新名字", name), chosen)


def remove_deck(home: HomeScreen, name: str) -> None:
    """Ask, then remove the deck (its cards retired, their history kept)."""
    app = home.trainer_app

    def answered(answer: str | None) -> None:
        if answer != "yes":
            return
        try:
            gone = deckadmin.remove(app.store.engine, name)
        except TrainerError as exc:
            app.show_error(str(exc))
            return
        app.notify(f"{gone.retired} 张卡片已退役，复习记录保留；再次同步它的文件可以恢复", title=f"已删除 {name}")
        home.refresh_decks()

    app.push_screen(confirm(f"删除卡组「{name}」？卡片退役，复习记录保留。", "删除"), answered)
