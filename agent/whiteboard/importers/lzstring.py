"""lz-string's Base64 codec (pieroxy/lz-string 1.5), as used by Obsidian Excalidraw's
"compressed-json" drawings. A straight port of the reference JavaScript; strings are handled as
UTF-16 code units, like JavaScript, so emoji round-trip."""

from __future__ import annotations

from collections.abc import Callable

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_REVERSE = {ch: i for i, ch in enumerate(_ALPHABET)}


def _units(text: str) -> str:
    """The text as a string of UTF-16 code units (surrogates as lone characters)."""
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(int.from_bytes(data[i : i + 2], "little")) for i in range(0, len(data), 2))


def _from_units(units: str) -> str:
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def decompress_from_base64(data: str) -> str | None:
    """Decode; None when the data is not lz-string output (as the JavaScript returns null)."""
    data = "".join(data.split())
    if not data:
        return None
    for ch in data:
        if ch not in _REVERSE:
            return None
    result = _decompress(len(data), 32, lambda i: _REVERSE[data[i]] if i < len(data) else 0)
    return None if result is None else _from_units(result)


def compress_to_base64(text: str) -> str:
    """Encode (used by tests and to write compressed fixtures)."""
    out = _compress(_units(text), 6, lambda v: _ALPHABET[v])
    return out + "=" * ((4 - len(out) % 4) % 4)


class _Bits:
    def __init__(self, bits_per_char: int, to_char: Callable[[int], str]) -> None:
        self.val = 0
        self.position = 0
        self.out: list[str] = []
        self.bits_per_char = bits_per_char
        self.to_char = to_char

    def write(self, value: int, count: int) -> None:
        """Write `count` bits of `value`, least significant first."""
        for _ in range(count):
            self.val = (self.val << 1) | (value & 1)
            if self.position == self.bits_per_char - 1:
                self.position = 0
                self.out.append(self.to_char(self.val))
                self.val = 0
            else:
                self.position += 1
            value >>= 1


def _compress(units: str, bits_per_char: int, to_char: Callable[[int], str]) -> str:
    dictionary: dict[str, int] = {}
    to_create: set[str] = set()
    w = ""
    enlarge_in, dict_size, num_bits = 2, 3, 2
    bits = _Bits(bits_per_char, to_char)

    def emit_w() -> None:
        nonlocal enlarge_in, num_bits
        if w in to_create:
            code = ord(w[0])
            if code < 256:
                bits.write(0, num_bits)
                bits.write(code, 8)
            else:
                bits.write(1, num_bits)
                bits.write(code, 16)
            enlarge_in -= 1
            if enlarge_in == 0:
                enlarge_in = 2**num_bits
                num_bits += 1
            to_create.discard(w)
        else:
            bits.write(dictionary[w], num_bits)
        enlarge_in -= 1
        if enlarge_in == 0:
            enlarge_in = 2**num_bits
            num_bits += 1

    for c in units:
        if c not in dictionary:
            dictionary[c] = dict_size
            dict_size += 1
            to_create.add(c)
        wc = w + c
        if wc in dictionary:
            w = wc
        else:
            emit_w()
            dictionary[wc] = dict_size
            dict_size += 1
            w = c
    if w:
        emit_w()
    bits.write(2, num_bits)
    while True:
        bits.val <<= 1
        if bits.position == bits_per_char - 1:
            bits.out.append(to_char(bits.val))
            break
        bits.position += 1
    return "".join(bits.out)


def _decompress(length: int, reset: int, next_value: Callable[[int], int]) -> str | None:
    dictionary: list[str] = ["", "", ""]
    enlarge_in, num_bits = 4, 3
    state = {"val": next_value(0), "position": reset, "index": 1}

    def read(count: int) -> int:
        bits, power = 0, 1
        for _ in range(count):
            resb = state["val"] & state["position"]
            state["position"] >>= 1
            if state["position"] == 0:
                state["position"] = reset
                state["val"] = next_value(state["index"])
                state["index"] += 1
            if resb:
                bits |= power
            power <<= 1
        return bits

    first = read(2)
    if first == 2:
        return ""
    if first > 2:
        return None
    c = chr(read(8 if first == 0 else 16))
    dictionary.append(c)
    w = c
    result = [c]
    while True:
        if state["index"] > length + 1:  # ran off the end without an end marker
            return None
        code = read(num_bits)
        if code in (0, 1):
            dictionary.append(chr(read(8 if code == 0 else 16)))
            code = len(dictionary) - 1
            enlarge_in -= 1
        elif code == 2:
            return "".join(result)
        if enlarge_in == 0:
            enlarge_in = 2**num_bits
            num_bits += 1
        if code < len(dictionary) and dictionary[code]:
            entry = dictionary[code]
        elif code == len(dictionary):
            entry = w + w[0]
        else:
            return None
        result.append(entry)
        dictionary.append(w + entry[0])
        enlarge_in -= 1
        w = entry
        if enlarge_in == 0:
            enlarge_in = 2**num_bits
            num_bits += 1
