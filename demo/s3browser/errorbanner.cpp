// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "errorbanner.h"

#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qstyle.h>
#include <QtWidgets/qtoolbutton.h>

ErrorBanner::ErrorBanner(QWidget *parent) : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setStyleSheet(QStringLiteral("#errorBanner { background: #fdecea; border: 1px solid #f5c2c0; "
                                 "border-radius: 4px; } #errorBanner QLabel { color: #611a15; }"));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void ErrorBanner::showError(const QString &what, const S3Error &error)
{
    QString text = QStringLiteral("<b>%1</b><br>%2").arg(what.toHtmlEscaped(), error.toString().toHtmlEscaped());
    const QString hint = error.hint();
    if (!hint.isEmpty())
        text += QStringLiteral("<br><i>%1</i>").arg(hint.toHtmlEscaped());
    m_label->setText(text);
    show();
}

void ErrorBanner::showMessage(const QString &text)
{
    m_label->setText(text.toHtmlEscaped());
    show();
}

QString ErrorBanner::text() const
{
    return m_label->text();
}
