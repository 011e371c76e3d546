// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3putoptions.h>

/*!
    \class AwsS3PutOptions
    \inmodule QtSigV4
    \brief The headers stored with an object by PutObject: content type, caching, metadata.

    User metadata is sent as \c x-amz-meta- headers: names are HTTP tokens (stored in lower
    case) and values printable ASCII; AwsS3Client refuses others before sending, with an
    InvalidRequestError, rather than letting a header carry a line break. Without a content
    type, an object is stored as \c application/octet-stream (a file upload guesses the type
    from the file name). The class is implicitly shared.
*/

class AwsS3PutOptionsPrivate : public QSharedData
{
public:
    QByteArray contentType;
    QByteArray cacheControl;
    QByteArray contentDisposition;
    QMap<QString, QString> metadata;
};

/*! Constructs empty options. */
AwsS3PutOptions::AwsS3PutOptions() : d(new AwsS3PutOptionsPrivate) { }
/*! Constructs a copy of \a other. */
AwsS3PutOptions::AwsS3PutOptions(const AwsS3PutOptions &other) = default;
/*! Assigns \a other to these options. */
AwsS3PutOptions &AwsS3PutOptions::operator=(const AwsS3PutOptions &other) = default;
/*! Destroys the options. */
AwsS3PutOptions::~AwsS3PutOptions() = default;

/*! \fn void AwsS3PutOptions::swap(AwsS3PutOptions &other)
    Swaps these options with \a other. */

/*! Returns the content type. */
QByteArray AwsS3PutOptions::contentType() const { return d->contentType; }
/*! Stores the object with the content type \a contentType. */
void AwsS3PutOptions::setContentType(const QByteArray &contentType) { d->contentType = contentType; }
/*! Returns the Cache-Control value. */
QByteArray AwsS3PutOptions::cacheControl() const { return d->cacheControl; }
/*! Stores the object with the Cache-Control value \a cacheControl. */
void AwsS3PutOptions::setCacheControl(const QByteArray &cacheControl) { d->cacheControl = cacheControl; }
/*! Returns the Content-Disposition value. */
QByteArray AwsS3PutOptions::contentDisposition() const { return d->contentDisposition; }
/*! Stores the object with the Content-Disposition value \a contentDisposition. */
void AwsS3PutOptions::setContentDisposition(const QByteArray &contentDisposition)
{
    d->contentDisposition = contentDisposition;
}
/*! Returns the user metadata. */
QMap<QString, QString> AwsS3PutOptions::metadata() const { return d->metadata; }
/*! Sets the user metadata to \a metadata. */
void AwsS3PutOptions::setMetadata(const QMap<QString, QString> &metadata) { d->metadata = metadata; }
/*! Sets the user metadata \a name to \a value. */
void AwsS3PutOptions::setMetadata(const QString &name, const QString &value)
{
    d->metadata.insert(name, value);
}
