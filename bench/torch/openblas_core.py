"""Which kernel an OpenBLAS shared object picks in this environment.

Usage: /usr/bin/python3 openblas_core.py LIB.so...   (prints "LIB: CORE (CONFIG)" per library)

EngineBench asks this of the OpenBLAS copies its own JVM mapped, and engine_step.py of the one
torch runs. A DYNAMIC_ARCH OpenBLAS chooses its kernel (Haswell, SkylakeX, Cooperlake, Zen...)
when it loads, from the CPU unless OPENBLAS_CORETYPE forces one, and an older OpenBLAS may not
know a newer CPU and fall back to an old kernel: so the library is asked, not guessed. Loading
it here needs no torch, so this is quick.
"""
import ctypes
import sys


def corename(lib):
    """(core name, config) that the OpenBLAS shared object `lib` picked, or (None, None).

    A DYNAMIC_ARCH OpenBLAS chooses its kernel (Haswell, SkylakeX, Cooperlake, Zen...) when it
    loads, from the CPU unless OPENBLAS_CORETYPE forces one, so the library is asked, not guessed.
    """
    try:
        so = ctypes.CDLL(lib)
        so.openblas_get_corename.restype = ctypes.c_char_p
        so.openblas_get_config.restype = ctypes.c_char_p
        return so.openblas_get_corename().decode(), so.openblas_get_config().decode()
    except (OSError, AttributeError):
        return None, None


def main():
    for lib in sys.argv[1:]:
        core, config = corename(lib)
        print(f"{lib}: {core or 'unknown'} ({config or 'not loadable here'})")


if __name__ == "__main__":
    main()
