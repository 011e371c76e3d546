// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3listoptions.h>

/*!
    \class AwsS3ListOptions
    \inmodule QtSigV4
    \brief The parameters of a ListObjectsV2 request.

    With a delimiter (usually \c{/}), keys that contain it after the prefix are rolled up into
    common prefixes, the "folders" of a browser. maxKeys() is the page size (the server's
    default, 1000, when 0). A continuation token from AwsS3ListResult::nextContinuationToken()
    asks for the next page. The class is implicitly shared.

    \sa AwsS3Client::listObjects(), AwsS3Client::listAllObjects()
*/

class AwsS3ListOptionsPrivate : public QSharedData
{
public:
    QString prefix;
    QString delimiter;
    QString startAfter;
    QString continuationToken;
    int maxKeys = 0;
};

/*! Constructs options that list every key of a bucket. */
AwsS3ListOptions::AwsS3ListOptions() : d(new AwsS3ListOptionsPrivate) { }
/*! Constructs a copy of \a other. */
AwsS3ListOptions::AwsS3ListOptions(const AwsS3ListOptions &other) = default;
/*! Assigns \a other to these options. */
AwsS3ListOptions &AwsS3ListOptions::operator=(const AwsS3ListOptions &other) = default;
/*! Destroys the options. */
AwsS3ListOptions::~AwsS3ListOptions() = default;

/*! \fn void AwsS3ListOptions::swap(AwsS3ListOptions &other)
    Swaps these options with \a other. */

/*! Returns the prefix the keys must start with. */
QString AwsS3ListOptions::prefix() const { return d->prefix; }
/*! Lists only keys that start with \a prefix. */
void AwsS3ListOptions::setPrefix(const QString &prefix) { d->prefix = prefix; }
/*! Returns the delimiter (empty: none). */
QString AwsS3ListOptions::delimiter() const { return d->delimiter; }
/*! Rolls keys up into common prefixes at the first \a delimiter after the prefix. */
void AwsS3ListOptions::setDelimiter(const QString &delimiter) { d->delimiter = delimiter; }
/*! Returns the key the listing starts after. */
QString AwsS3ListOptions::startAfter() const { return d->startAfter; }
/*! Lists only keys after \a key (in UTF-8 binary order). */
void AwsS3ListOptions::setStartAfter(const QString &key) { d->startAfter = key; }
/*! Returns the page size (0: the server's default). */
int AwsS3ListOptions::maxKeys() const { return d->maxKeys; }
/*! Asks for at most \a maxKeys keys and common prefixes per page (1 to 1000; 0: default). */
void AwsS3ListOptions::setMaxKeys(int maxKeys) { d->maxKeys = qBound(0, maxKeys, 1000); }
/*! Returns the continuation token. */
QString AwsS3ListOptions::continuationToken() const { return d->continuationToken; }
/*! Continues a listing at \a token (a previous page's nextContinuationToken()). */
void AwsS3ListOptions::setContinuationToken(const QString &token) { d->continuationToken = token; }
