// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef ERRORBANNER_H
#define ERRORBANNER_H

#include "s3types.h"

#include <QtWidgets/qframe.h>

class QLabel;

// A dismissable bar above the object list showing the last error in plain words, without a
// modal dialog, so the user keeps their place.
class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);
    void showError(const QString &what, const S3Error &error);
    void showMessage(const QString &text);
    QString text() const;

private:
    QLabel *m_label;
};

#endif // ERRORBANNER_H
