"""Many inputs at once: jobs, worker processes, the batch run."""

from .run import InputError, Job, run_job

__all__ = ["InputError", "Job", "run_job"]
