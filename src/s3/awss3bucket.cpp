// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3bucket.h>

/*!
    \class AwsS3Bucket
    \inmodule QtSigV4
    \brief A bucket as ListBuckets names it.

    AwsS3Reply::buckets() holds the buckets of an AwsS3Client::listBuckets() reply.
    The class is implicitly shared.
*/

class AwsS3BucketPrivate : public QSharedData
{
public:
    QString name;
    QDateTime creationDate;
};

/*! Constructs a bucket without a name. */
AwsS3Bucket::AwsS3Bucket() : d(new AwsS3BucketPrivate) { }

/*! Constructs the bucket \a name created at \a creationDate. */
AwsS3Bucket::AwsS3Bucket(const QString &name, const QDateTime &creationDate)
    : d(new AwsS3BucketPrivate)
{
    d->name = name;
    d->creationDate = creationDate;
}

/*! Constructs a copy of \a other. */
AwsS3Bucket::AwsS3Bucket(const AwsS3Bucket &other) = default;
/*! Assigns \a other to this bucket. */
AwsS3Bucket &AwsS3Bucket::operator=(const AwsS3Bucket &other) = default;
/*! Destroys the bucket. */
AwsS3Bucket::~AwsS3Bucket() = default;

/*! \fn void AwsS3Bucket::swap(AwsS3Bucket &other)
    Swaps this bucket with \a other. */

/*! Returns the bucket's name. */
QString AwsS3Bucket::name() const { return d->name; }
/*! Sets the bucket's name to \a name. */
void AwsS3Bucket::setName(const QString &name) { d->name = name; }
/*! Returns when the bucket was created, as the server said (invalid when it did not). */
QDateTime AwsS3Bucket::creationDate() const { return d->creationDate; }
/*! Sets the creation date to \a date. */
void AwsS3Bucket::setCreationDate(const QDateTime &date) { d->creationDate = date; }
