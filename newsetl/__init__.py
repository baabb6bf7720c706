"""newsetl: batch ETL for multilingual news articles."""

__version__ = "0.1.0"
