// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3listresult.h>

/*!
    \class AwsS3ListResult
    \inmodule QtSigV4
    \brief One page of ListObjectsV2, or all pages of a listing.

    objects() are the keys of the page (with their size, ETag and date), commonPrefixes()
    the prefixes the delimiter rolled up. While isTruncated() is \c true,
    nextContinuationToken() asks for the next page (AwsS3ListOptions::setContinuationToken()).
    The class is implicitly shared.
*/

class AwsS3ListResultPrivate : public QSharedData
{
public:
    QList<AwsS3Object> objects;
    QStringList commonPrefixes;
    QString nextContinuationToken;
    bool truncated = false;
};

/*! Constructs an empty result. */
AwsS3ListResult::AwsS3ListResult() : d(new AwsS3ListResultPrivate) { }
/*! Constructs a copy of \a other. */
AwsS3ListResult::AwsS3ListResult(const AwsS3ListResult &other) = default;
/*! Assigns \a other to this result. */
AwsS3ListResult &AwsS3ListResult::operator=(const AwsS3ListResult &other) = default;
/*! Destroys the result. */
AwsS3ListResult::~AwsS3ListResult() = default;

/*! \fn void AwsS3ListResult::swap(AwsS3ListResult &other)
    Swaps this result with \a other. */

/*! Returns the objects, in the server's (UTF-8 binary) order. */
QList<AwsS3Object> AwsS3ListResult::objects() const { return d->objects; }
/*! Sets the objects to \a objects. */
void AwsS3ListResult::setObjects(const QList<AwsS3Object> &objects) { d->objects = objects; }
/*! Returns the common prefixes, each ending with the delimiter. */
QStringList AwsS3ListResult::commonPrefixes() const { return d->commonPrefixes; }
/*! Sets the common prefixes to \a prefixes. */
void AwsS3ListResult::setCommonPrefixes(const QStringList &prefixes) { d->commonPrefixes = prefixes; }
/*! Returns \c true when more pages follow. */
bool AwsS3ListResult::isTruncated() const { return d->truncated; }
/*! Sets whether more pages follow to \a truncated. */
void AwsS3ListResult::setTruncated(bool truncated) { d->truncated = truncated; }
/*! Returns the token of the next page (empty on the last page). */
QString AwsS3ListResult::nextContinuationToken() const { return d->nextContinuationToken; }
/*! Sets the token of the next page to \a token. */
void AwsS3ListResult::setNextContinuationToken(const QString &token) { d->nextContinuationToken = token; }

/*!
    Appends the objects and common prefixes of \a page and takes its truncation state and
    continuation token.
*/
void AwsS3ListResult::append(const AwsS3ListResult &page)
{
    d->objects += page.d->objects;
    d->commonPrefixes += page.d->commonPrefixes;
    d->truncated = page.d->truncated;
    d->nextContinuationToken = page.d->nextContinuationToken;
}
