"""Static files for production: WhiteNoise's hashed names and precompressed copies.

Compressed with gzip only: Brotli saves a quarter more on plotly.js but costs some thirty
seconds of CPU on every ``collectstatic`` (which ``make run`` runs each time); nginx or a CDN
in front may add Brotli.
"""

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs) -> Compressor:
        return Compressor(use_brotli=False, **kwargs)
