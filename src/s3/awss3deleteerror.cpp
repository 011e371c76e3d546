// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awss3deleteerror.h>

/*!
    \class AwsS3DeleteError
    \inmodule QtSigV4
    \brief A key that DeleteObjects could not delete, with the service's reason.

    AwsS3Reply::deleteErrors() lists them after AwsS3Client::deleteObjects(). The code and
    message are the service's, escaped and cut to a readable length. The class is
    implicitly shared.
*/

class AwsS3DeleteErrorPrivate : public QSharedData
{
public:
    QString key;
    QString code;
    QString message;
};

/*! Constructs an empty error. */
AwsS3DeleteError::AwsS3DeleteError() : d(new AwsS3DeleteErrorPrivate) { }

/*! Constructs the error \a code with \a message for \a key. */
AwsS3DeleteError::AwsS3DeleteError(const QString &key, const QString &code, const QString &message)
    : d(new AwsS3DeleteErrorPrivate)
{
    d->key = key;
    d->code = code;
    d->message = message;
}

/*! Constructs a copy of \a other. */
AwsS3DeleteError::AwsS3DeleteError(const AwsS3DeleteError &other) = default;
/*! Assigns \a other to this error. */
AwsS3DeleteError &AwsS3DeleteError::operator=(const AwsS3DeleteError &other) = default;
/*! Destroys the error. */
AwsS3DeleteError::~AwsS3DeleteError() = default;

/*! \fn void AwsS3DeleteError::swap(AwsS3DeleteError &other)
    Swaps this error with \a other. */

/*! Returns the key that was not deleted. */
QString AwsS3DeleteError::key() const { return d->key; }
/*! Returns the service's error code, such as \c AccessDenied. */
QString AwsS3DeleteError::code() const { return d->code; }
/*! Returns the service's message. */
QString AwsS3DeleteError::message() const { return d->message; }
