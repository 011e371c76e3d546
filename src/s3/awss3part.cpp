// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3part.h>

/*!
    \class AwsS3Part
    \inmodule QtSigV4
    \brief One part of a multipart upload: its number, ETag, size and CRC32C checksum.

    AwsS3Client::uploadPart() returns the part it stored in AwsS3Reply::parts(),
    AwsS3Client::listParts() every part the server holds; AwsS3Client::completeMultipartUpload()
    takes the list of parts that make up the object. The class is implicitly shared.
*/

class AwsS3PartPrivate : public QSharedData
{
public:
    int number = 0;
    QString eTag;
    qint64 size = -1;
    QByteArray crc32c;
};

/*! Constructs an empty part (number 0). */
AwsS3Part::AwsS3Part() : d(new AwsS3PartPrivate) { }

/*!
    Constructs part \a partNumber with \a eTag, \a size (-1: unknown) and the base64 CRC32C
    \a checksumCrc32c (empty: none).
*/
AwsS3Part::AwsS3Part(int partNumber, const QString &eTag, qint64 size,
                     const QByteArray &checksumCrc32c)
    : d(new AwsS3PartPrivate)
{
    d->number = partNumber;
    d->eTag = eTag;
    d->size = size;
    d->crc32c = checksumCrc32c;
}

/*! Constructs a copy of \a other. */
AwsS3Part::AwsS3Part(const AwsS3Part &other) = default;
/*! Assigns \a other to this part. */
AwsS3Part &AwsS3Part::operator=(const AwsS3Part &other) = default;
/*! Destroys the part. */
AwsS3Part::~AwsS3Part() = default;

/*! \fn void AwsS3Part::swap(AwsS3Part &other)
    Swaps this part with \a other. */

/*! Returns the part number (1 to 10000). */
int AwsS3Part::partNumber() const { return d->number; }
/*! Sets the part number to \a partNumber. */
void AwsS3Part::setPartNumber(int partNumber) { d->number = partNumber; }
/*! Returns the part's ETag, without quotes. */
QString AwsS3Part::eTag() const { return d->eTag; }
/*! Sets the ETag to \a eTag. */
void AwsS3Part::setETag(const QString &eTag) { d->eTag = eTag; }
/*! Returns the size of the part in bytes, -1 when unknown. */
qint64 AwsS3Part::size() const { return d->size; }
/*! Sets the size to \a size. */
void AwsS3Part::setSize(qint64 size) { d->size = size; }
/*! Returns the part's CRC32C checksum as S3 writes it (base64 of 4 big-endian bytes), or empty. */
QByteArray AwsS3Part::checksumCrc32c() const { return d->crc32c; }
/*! Sets the CRC32C checksum to \a checksum (base64). */
void AwsS3Part::setChecksumCrc32c(const QByteArray &checksum) { d->crc32c = checksum; }
