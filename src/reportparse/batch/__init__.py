"""Many inputs at once: jobs, worker processes, the batch run."""

__all__ = ["InputError", "Job", "run_job"]


def __getattr__(name: str):
    # imported on first use: the command line reads the worker limits (``workers``) to
    # build its help without loading the batch run and the output folder
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
