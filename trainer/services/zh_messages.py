"""The app's Chinese wording of the expected failures (TrainerError messages) the services raise in
English for the CLI; pure text, no UI. The CLI keeps the English: scripts and the README quote it.

Rules as data: each row is an English message (a pattern matched at the end of the error's text, so
the file and line before it stay as they are) and its Chinese; a message no row knows is left in
English rather than guessed.
"""

from __future__ import annotations

import re

from trainer.errors import TrainerError

# (English message as a regex, Chinese with \1 … for its groups). Kept in the order the services
# raise them: reading a document, decoding and parsing it, pasting, saving and syncing a deck, decks,
# the config file, the database.
_RULES: tuple[tuple[str, str], ...] = (
    (r"is a folder; choose a \.txt, \.md or \.html file", r"这是一个文件夹，请选择 .txt、.md 或 .html 文件"),
    (r"is a directory, not a file", r"这是一个文件夹，不是文件"),
    (r"no such file", r"没有这个文件"),
    (r"no such file or folder", r"没有这个文件或文件夹"),
    (r"permission denied", r"没有权限读取这个文件"),
    (r"cannot read: (.+)", r"无法读取：\1"),
    (r"cannot write: (.+)", r"无法写入：\1"),
    (r"is a device or pipe, not a regular file; refusing to read it", r"这是设备或管道，不是普通文件，不读取"),
    (
        r"the file is ([\d.]+) MB; .+? over ([\d.]+) MB are refused \(is it the right file\? split it into smaller ones\)",
        r"文件有 \1 MB，超过 \2 MB 的文件不接受（是不是选错了文件？可以拆成几个小文件）",
    ),
    (r"the document is empty", r"文档是空的"),
    (r"has (\d+) reading\(s\); --reading (\d+) is not one of them", r"这篇文档只有 \1 种读法，没有第 \2 种"),
    (r"this is a PNG image, not a text document", r"这是 PNG 图片，不是文本文档"),
    (r"this is a JPEG image, not a text document", r"这是 JPEG 图片，不是文本文档"),
    (r"this is a GIF image, not a text document", r"这是 GIF 图片，不是文本文档"),
    (
        r"this is a PDF file \(copy its text into a \.txt file\), not a text document",
        r"这是 PDF 文件，不是文本文档（把其中的文字复制到 .txt 文件里）",
    ),
    (
        r"this is a zip/Office file \(save it as plain text\), not a text document",
        r"这是 zip 或 Office 文件，不是文本文档（请另存为纯文本）",
    ),
    (
        r"this is an Office file \(save it as plain text\), not a text document",
        r"这是 Office 文件，不是文本文档（请另存为纯文本）",
    ),
    (r"this is a program, not a text document", r"这是程序文件，不是文本文档"),
    (
        r"this is an RTF file \(save it as plain text\), not a text document",
        r"这是 RTF 文件，不是文本文档（请另存为纯文本）",
    ),
    (r"this is (.+), not a text document", r"这不是文本文档（\1）"),  # a kind of file not named above
    (r"the document is not valid (\S+)", r"文档不是有效的 \1 编码"),
    (r"the document looks binary, not text", r"文档像是二进制文件，不是文本"),
    (r"the document looks binary, not text \(it holds NUL bytes\)", r"文档像是二进制文件，不是文本（含有 NUL 字节）"),
    (
        r"mixed encodings: the text is UTF-8 up to this line but not from here on \(save it all as UTF-8\)",
        r"编码混杂：这一行之前是 UTF-8，从这一行起不是（请全部另存为 UTF-8）",
    ),
    (r"cannot tell the document's encoding \(try saving it as UTF-8\)", r"认不出文档的编码（请另存为 UTF-8 再试）"),
    (
        r"no numbered points or sections found, and no paragraphs of prose \(only page furniture or stray lines\)",
        r"没有找到编号的要点或小节，也没有成段的文字（只有页眉页脚或零散的行）",
    ),
    (r"the deck cannot be saved over its own document", r"卡组不能保存在它自己的文档上"),
    (
        r"the pasted text is ([\d.]+) MB; a document may be at most (\d+) MB",
        r"粘贴的文本有 \1 MB，一个文档最多 \2 MB",
    ),
    (
        r"the pasted text looks binary \(control characters\), not a document",
        r"粘贴的内容像是二进制数据（含有控制字符），不是文档",
    ),
    (r"not a deck file \(expected \.yaml or \.yml\)", r"不是卡组文件（应为 .yaml 或 .yml）"),
    (r"is a device or pipe, not a deck file", r"这是设备或管道，不是卡组文件"),
    (r"deck files must be UTF-8 \((.+)\)", r"卡组文件必须是 UTF-8 编码（\1）"),
    (r"deck name '?(.+?)'? is also used by (.+)", r"卡组名「\1」已被 \2 使用"),
    (r"a deck name cannot be empty", r"卡组名不能为空"),
    (r"a deck name is one line of at most (\d+) printable characters", r"卡组名只能是一行，最多 \1 个可显示的字符"),
    (r"there is already a deck named '?(.+?)'?", r"已经有名为「\1」的卡组"),
    (r"no deck named '?(.+?)'? \(decks: (.*)\)", r"没有名为「\1」的卡组（现有卡组：\2）"),
    (r"(.+) exists already; rename it or choose another name", r"\1 已经存在；请先改掉它的名字，或换一个卡组名"),
    (r"invalid YAML: (.+)", r"YAML 格式有误：\1"),
    (r"invalid deck: lists or mappings nested too deeply", r"卡组文件有误：列表或映射嵌套太深"),
    (r"(.+) is only control codes \(nothing a person could read\)", r"\1 只有控制字符（没有可读的文字）"),
    (r"(.+) needs `(.+)`: (.+)", r"\1 缺少 `\2`（应为 \3）"),
    (r"each (.+) must be a mapping of keys", r"每个 \1 都应当是“名称: 值”的映射"),
    (r"a deck must be a mapping with `deck` and `topics`", r"卡组文件应当是含 `deck` 和 `topics` 的映射"),
    (r"`source` must be a text or a list of texts", r"`source` 应当是文字或文字的列表"),
    (r"unknown section kind '?(.+?)'? \(use one of: (.+)\)", r"未知的小节类型「\1」（可用：\2）"),
    (r"duplicate point id '?(.+?)'? \(first used at line (\S+)\)", r"要点 id「\1」重复（第 \2 行已用过）"),
    (r"a point's `body` must be text", r"要点的 `body` 必须是文字"),
    (
        r"the deck would be ([\d.]+) MB, over the ([\d.]+) MB a deck file may hold; nothing was written \(build it from fewer documents, in several decks\)",
        r"卡组会有 \1 MB，超过卡组文件上限 \2 MB；什么都没有写入（请用较少的文档，分成几个卡组）",
    ),
    # Setting the exam date, and the exam plan.
    (
        r"(?:exam-date: )?the exam date (\S+) is past \(today is (\S+)\); give today or a later date",
        r"考试日期 \1 已经过去（今天是 \2），请填今天或以后的日期",
    ),
    (
        r"no exam date: set one with `trainer config set exam-date YYYY-MM-DD`",
        r"还没有考试日期：按 d 设定，或用 `trainer config set exam-date YYYY-MM-DD`",
    ),
    (r"the exam date (\S+) is past", r"考试日期 \1 已经过去；按 d 设定新的考试日期"),
    # Editing the outline (trainer.core.outline_edits) and a point (trainer.parse.deckops).
    (r"no such topic", r"没有这个主题"),
    (r"no such section", r"没有这个小节"),
    (r"no such point", r"没有这个要点"),
    (r"a head cannot be empty", r"要点不能为空"),
    (r"a heading cannot be empty", r"小节标题不能为空"),
    (r"a topic title cannot be empty", r"主题名不能为空"),
    (r"a point's text cannot be empty", r"要点的文字不能为空"),
    (r"the head of a point cannot be empty", r"要点不能为空"),
    (
        r"point (\S+) is not in deck '?(.+?)'? any more; run `trainer sync`",
        r"要点 \1 已不在卡组「\2」里；请运行 `trainer sync`",
    ),
    (
        r"put the cursor inside the body, where the next point starts",
        r"请把光标放在说明里、下一点开始的地方",
    ),
    (r"nothing after the cursor to make a point of", r"光标后面没有文字，拆不出新的一点"),
    (
        r"the first point of a section has no previous point to merge into",
        r"这是小节的第一点，前面没有可以并入的要点",
    ),
    (r"the point is already first", r"这一点已经是第一点"),
    (r"the point is already last", r"这一点已经是最后一点"),
    (r"the point is in that section already", r"这一点已经在那个小节里"),
    (r"the deck needs at least one section", r"卡组至少要有一个小节"),
    (r"this point's body holds no list", r"这一点的说明里没有列表，展开不了"),
    # Cards in the database.
    (r"card (\d+) does not exist", r"卡片 \1 不存在"),
    (
        r"(\d+) card\(s\) are no longer given by their points: (.+)",
        r"\1 张卡片的要点已不在卡组里：\2",
    ),
    (
        r"the config is not a regular file \(a pipe, a device or a folder\?\)",
        r"配置文件不是普通文件（是管道、设备还是文件夹？）",
    ),
    (r"the config is over (\d+) KB; is it the right file\?", r"配置文件超过 \1 KB，是不是选错了文件？"),
    (r"cannot read config: (.+)", r"无法读取配置文件：\1"),
    (r"not valid YAML", r"不是有效的 YAML"),
    (r"the config must be a mapping of keys", r"配置文件应当是一行一个“名称: 值”"),
    (
        r"the database is busy: another trainer process kept it locked for over (\S+) s; nothing was written, try again \((.*)\)",
        r"数据库正忙：另一个 trainer 进程占用超过 \1 秒；什么都没有写入，请再试一次（\2）",
    ),
    (
        r"the database is read-only \(check the file's permissions\); nothing was written \((.*)\)",
        r"数据库是只读的（请检查文件权限）；什么都没有写入（\1）",
    ),
    (
        r"the disk is full; nothing was written, free some space and try again \((.*)\)",
        r"磁盘已满；什么都没有写入，请腾出空间再试（\1）",
    ),
)
_COMPILED = tuple((re.compile(english), chinese) for english, chinese in _RULES)
# What a TrainerError's text puts before its message: a file (no spaces) and maybe its line, then `: `.
_WHERE = re.compile(r"(?P<where>[^\s:]+(?::\d+)?): ")


def in_chinese(error: TrainerError | str) -> str:
    """The error's text for the app: the file (and line) it names as they are, its message in Chinese
    when a row above knows it, else as it was written."""
    if isinstance(error, TrainerError):
        said = _message(error.message)
        if said is None:
            return str(error)
        where = "" if error.path is None else error.path if error.line is None else f"{error.path}:{error.line}"
        return f"{where}：{said}" if where else said
    return "\n".join(_line(line) for line in error.split("\n"))  # several errors: one a line


def _message(message: str) -> str | None:
    for pattern, chinese in _COMPILED:
        m = pattern.fullmatch(message)
        if m is not None:
            return m.expand(chinese)
    return None


def _line(text: str) -> str:
    where = _WHERE.match(text)
    if where is not None and (said := _message(text[where.end() :])) is not None:
        return f"{where['where']}：{said}"
    return _message(text) or text
