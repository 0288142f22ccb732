"""Private file storage: files no URL of the site's media serves (certificates)."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage with no public URL: a view checks who may read a file, then streams it.

    FileSystemStorage would fall back to MEDIA_URL for base_url=None; url() refuses instead, so no template or
    serializer can ever link a private file under the public media.
    """

    def url(self, name):
        raise NotImplementedError("Private files have no public URL; serve them through a view.")
