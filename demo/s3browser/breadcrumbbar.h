// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef BREADCRUMBBAR_H
#define BREADCRUMBBAR_H

#include <QtWidgets/qwidget.h>

class QHBoxLayout;

// "bucket › 2024 › summer": one flat button per level; clicking one opens that prefix.
class BreadcrumbBar : public QWidget
{
    Q_OBJECT
public:
    explicit BreadcrumbBar(QWidget *parent = nullptr);
    void setLocation(const QString &bucket, const QString &prefix);
    QStringList crumbs() const;  // the button texts, for tests

Q_SIGNALS:
    void prefixActivated(const QString &prefix);

private:
    QHBoxLayout *m_layout;
};

#endif // BREADCRUMBBAR_H
