// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3object.h>

/*!
    \class AwsS3Object
    \inmodule QtSigV4
    \brief What is known about an S3 object: key, size, ETag, dates, type and metadata.

    A listing (AwsS3ListResult::objects()) gives the key, size, ETag, last modification and
    storage class; HeadObject and GetObject (AwsS3Reply::object()) give the content type and
    user metadata too; PutObject and CopyObject give the new ETag. The class is implicitly
    shared.
*/

class AwsS3ObjectPrivate : public QSharedData
{
public:
    QString key;
    qint64 size = -1;
    QString eTag;
    QDateTime lastModified;
    QString storageClass;
    QByteArray contentType;
    QMap<QString, QString> metadata;
};

/*! Constructs an object without a key. */
AwsS3Object::AwsS3Object() : d(new AwsS3ObjectPrivate) { }

/*! Constructs the object \a key. */
AwsS3Object::AwsS3Object(const QString &key) : d(new AwsS3ObjectPrivate) { d->key = key; }

/*! Constructs a copy of \a other. */
AwsS3Object::AwsS3Object(const AwsS3Object &other) = default;
/*! Assigns \a other to this object. */
AwsS3Object &AwsS3Object::operator=(const AwsS3Object &other) = default;
/*! Destroys the object. */
AwsS3Object::~AwsS3Object() = default;

/*! \fn void AwsS3Object::swap(AwsS3Object &other)
    Swaps this object with \a other. */

/*! Returns the object's key, exactly as stored (any characters). */
QString AwsS3Object::key() const { return d->key; }
/*! Sets the key to \a key. */
void AwsS3Object::setKey(const QString &key) { d->key = key; }
/*! Returns the size in bytes, or -1 when unknown. */
qint64 AwsS3Object::size() const { return d->size; }
/*! Sets the size to \a size. */
void AwsS3Object::setSize(qint64 size) { d->size = size; }
/*! Returns the entity tag without its quotes. */
QString AwsS3Object::eTag() const { return d->eTag; }
/*! Sets the entity tag to \a eTag. */
void AwsS3Object::setETag(const QString &eTag) { d->eTag = eTag; }
/*! Returns the time of the last modification (invalid when unknown). */
QDateTime AwsS3Object::lastModified() const { return d->lastModified; }
/*! Sets the time of the last modification to \a lastModified. */
void AwsS3Object::setLastModified(const QDateTime &lastModified) { d->lastModified = lastModified; }
/*! Returns the storage class, such as \c STANDARD (empty when unknown). */
QString AwsS3Object::storageClass() const { return d->storageClass; }
/*! Sets the storage class to \a storageClass. */
void AwsS3Object::setStorageClass(const QString &storageClass) { d->storageClass = storageClass; }
/*! Returns the content type (from HeadObject and GetObject only). */
QByteArray AwsS3Object::contentType() const { return d->contentType; }
/*! Sets the content type to \a contentType. */
void AwsS3Object::setContentType(const QByteArray &contentType) { d->contentType = contentType; }
/*!
    Returns the user metadata (the \c x-amz-meta- headers, names in lower case without the
    prefix), from HeadObject and GetObject only.
*/
QMap<QString, QString> AwsS3Object::metadata() const { return d->metadata; }
/*! Sets the user metadata to \a metadata. */
void AwsS3Object::setMetadata(const QMap<QString, QString> &metadata) { d->metadata = metadata; }
