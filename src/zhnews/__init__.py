"""zhnews-extractor: Chinese government news reports -> validated, source-grounded records."""
from zhnews.api import Extractor, extract
from zhnews.schema import ArticleRecord

__version__ = "0.1.0"
__all__ = ["ArticleRecord", "Extractor", "extract", "__version__"]
