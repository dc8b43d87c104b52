"""okraina's data and analysis library: loading, validation, spatial join,
statistics and the near-me index. It knows nothing of the web."""

from geo.dataset import Dataset, build_dataset, load_dataset
from geo.problems import DataError, Problem

__all__ = ["Dataset", "DataError", "Problem", "build_dataset", "load_dataset"]
