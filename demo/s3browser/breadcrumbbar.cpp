// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "breadcrumbbar.h"

#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qtoolbutton.h>

BreadcrumbBar::BreadcrumbBar(QWidget *parent) : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addStretch();
}

void BreadcrumbBar::setLocation(const QString &bucket, const QString &prefix)
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto addCrumb = [this](const QString &text, const QString &target, bool current) {
        auto *button = new QToolButton(this);
        button->setText(text);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        QFont f = button->font();
        f.setBold(current);
        button->setFont(f);
        connect(button, &QToolButton::clicked, this, [this, target]() { emit prefixActivated(target); });
        m_layout->addWidget(button);
    };
    if (!bucket.isEmpty()) {
        addCrumb(bucket, QString(), prefix.isEmpty());
        const QStringList parts = prefix.split(u'/', Qt::SkipEmptyParts);
        QString path;
        for (int i = 0; i < parts.size(); ++i) {
            auto *separator = new QLabel(QStringLiteral("›"), this);
            separator->setEnabled(false);
            m_layout->addWidget(separator);
            path += parts.at(i) + u'/';
            addCrumb(parts.at(i), path, i == parts.size() - 1);
        }
    }
    m_layout->addStretch();
}

QStringList BreadcrumbBar::crumbs() const
{
    QStringList texts;
    for (const QToolButton *button : findChildren<QToolButton *>(QString(), Qt::FindDirectChildrenOnly))
        texts.append(button->text());
    return texts;
}
