"""zhnews-extractor: Chinese government news reports -> validated, source-grounded records."""
from extractor.api import Extractor, extract
from models import ArticleRecord

__version__ = "0.1.0"
__all__ = ["ArticleRecord", "Extractor", "extract", "__version__"]
