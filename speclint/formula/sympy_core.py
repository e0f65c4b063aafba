"""sympy's core, imported without the rest of sympy: ``core``.

The evaluator computes with ``sympy.core``'s numbers (``Rational``, ``Integer``, ``oo``) and
nothing else, but ``import sympy`` runs the package's ``__init__``, which imports all of sympy
(polynomials, printing, matrices, solvers…): about four times what the core costs. Here the
package is made as the import system makes it (``importlib.util.module_from_spec``) and put
in ``sys.modules`` without running its ``__init__``, and ``sympy.core`` is imported into it.

sympy's other subpackages import each other in circles that resolve only in the order its
``__init__`` imports them, so the first time anything past the core is asked for, the
``__init__`` runs, in that same module, before the answer is given: a missing attribute of
the package (``sympy.Symbol``, ``from sympy import S``) and the import of a subpackage the core
did not import (``sympy.printing``, when a number is printed) alike. From then on ``sympy``
is the whole of sympy, its core the modules imported here. When sympy is already imported,
or cannot be found, it is imported as usual.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from functools import cache
from importlib.abc import Loader
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

NAME = "sympy"
#: Held while the package's ``__init__`` runs.
_COMPLETING = threading.RLock()


class _Package(ModuleType):
    """The package while its ``__init__`` has not run: it runs on the first missing attribute."""

    def __getattr__(self, name: str) -> Any:
        _complete(self)
        return ModuleType.__getattribute__(self, name)


def _complete(package: ModuleType) -> None:
    """Run the package's ``__init__`` in ``package`` (once)."""
    with _COMPLETING:
        if type(package) is not _Package:
            return
        package.__class__ = ModuleType  # type: ignore[assignment] # an ordinary module now
        if _Rest in sys.meta_path:
            sys.meta_path.remove(_Rest)
        spec = package.__spec__
        assert spec is not None and spec.loader is not None
        spec.loader.exec_module(package)


class _Rest:
    """A meta path finder: a subpackage of the package that the core did not import is
    imported by the package's ``__init__`` first, and handed out as that imported it. It
    leaves the meta path when the ``__init__`` runs."""

    #: Whether the core is imported (until then, its imports go their usual way).
    active = False

    @classmethod
    def find_spec(
        cls, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        package = sys.modules.get(NAME)
        if not cls.active or type(package) is not _Package or name.rpartition(".")[0] != NAME:
            return None
        _complete(package)
        # Out of ``sys.modules`` until the loader puts it back: the import system loads a
        # module it finds there anew, from the module's own spec.
        module = sys.modules.pop(name, None)
        if module is None:  # not a subpackage the __init__ imports: found as usual
            return None
        return ModuleSpec(name, _Imported(module), is_package=hasattr(module, "__path__"))


class _Imported(Loader):
    """A loader that hands out a module already imported, its own spec kept."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.spec = module.__spec__

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        return self.module

    def exec_module(self, module: ModuleType) -> None:
        module.__spec__ = self.spec


@cache
def core() -> Any:
    """The ``sympy.core`` module (numbers and arithmetic), imported on the first call."""
    if NAME not in sys.modules:
        _install()
    import sympy.core

    _Rest.active = True
    return sympy.core


def _install() -> None:
    """Put the package in ``sys.modules``, its ``__init__`` not run, and ``_Rest`` first on
    the meta path."""
    import importlib.util

    spec = importlib.util.find_spec(NAME)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return  # ``import sympy.core`` says what is wrong
    package = importlib.util.module_from_spec(spec)
    package.__class__ = _Package
    sys.modules[NAME] = package
    sys.meta_path.insert(0, _Rest)
