// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "connectdialog.h"

#include <qtsigv4/awsconfigfile.h>

#include <QtWidgets/qboxlayout.h>
#include <QtWidgets/qcombobox.h>
#include <QtWidgets/qdialogbuttonbox.h>
#include <QtWidgets/qformlayout.h>
#include <QtWidgets/qgroupbox.h>
#include <QtWidgets/qlabel.h>
#include <QtWidgets/qlineedit.h>
#include <QtWidgets/qpushbutton.h>
#include <QtWidgets/qradiobutton.h>

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent), m_endpoint(new QLineEdit(this)), m_region(new QComboBox(this)),
      m_useProfile(new QRadioButton(tr("AWS profile"), this)),
      m_useKey(new QRadioButton(tr("Access key"), this)), m_profile(new QComboBox(this)),
      m_keyId(new QLineEdit(this)), m_secret(new QLineEdit(this)), m_token(new QLineEdit(this)),
      m_problem(new QLabel(this))
{
    setWindowTitle(tr("Connect to S3"));
    m_endpoint->setObjectName(QStringLiteral("endpoint"));
    m_endpoint->setPlaceholderText(tr("empty: AWS S3 (https://s3.<region>.amazonaws.com)"));
    m_endpoint->setClearButtonEnabled(true);
    m_region->setObjectName(QStringLiteral("region"));
    m_region->setEditable(true);
    m_region->addItems({ QStringLiteral("us-east-1"), QStringLiteral("us-east-2"),
                         QStringLiteral("us-west-1"), QStringLiteral("us-west-2"),
                         QStringLiteral("eu-west-1"), QStringLiteral("eu-central-1"),
                         QStringLiteral("eu-north-1"), QStringLiteral("ap-southeast-1"),
                         QStringLiteral("ap-northeast-1"), QStringLiteral("sa-east-1") });
    m_profile->setObjectName(QStringLiteral("profile"));
    m_profile->setEditable(true);
    QStringList profiles = AwsConfigFile::loadCredentials().profileNames()
            + AwsConfigFile::loadConfig().profileNames();
    profiles.removeDuplicates();
    m_profile->addItems(profiles);
    m_keyId->setObjectName(QStringLiteral("accessKeyId"));
    m_secret->setObjectName(QStringLiteral("secretAccessKey"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("sessionToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("optional"));

    auto *where = new QGroupBox(tr("Endpoint"), this);
    auto *whereForm = new QFormLayout(where);
    whereForm->addRow(tr("&URL:"), m_endpoint);
    whereForm->addRow(tr("&Region:"), m_region);
    auto *styleNote = new QLabel(tr("A custom endpoint (MinIO, moto, Ceph, …) is addressed "
                                    "path-style: URL/bucket/key."), where);
    styleNote->setWordWrap(true);
    styleNote->setEnabled(false);
    whereForm->addRow(styleNote);

    auto *who = new QGroupBox(tr("Credentials"), this);
    auto *whoForm = new QFormLayout(who);
    whoForm->addRow(m_useProfile, m_profile);
    whoForm->addRow(m_useKey);
    whoForm->addRow(tr("Access key &ID:"), m_keyId);
    whoForm->addRow(tr("&Secret access key:"), m_secret);
    whoForm->addRow(tr("Session &token:"), m_token);
    auto *secretNote = new QLabel(tr("The secret access key and the session token are not "
                                     "saved: you enter them again after a restart. Endpoint, "
                                     "region, profile and key id are remembered."), who);
    secretNote->setWordWrap(true);
    secretNote->setEnabled(false);
    whoForm->addRow(secretNote);

    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(where);
    layout->addWidget(who);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_useProfile, &QRadioButton::toggled, this, &ConnectDialog::updateState);
    m_useKey->setChecked(true);
    if (profiles.isEmpty())
        m_useProfile->setEnabled(false);
    updateState();
    resize(480, sizeHint().height());
}

void ConnectDialog::updateState()
{
    const bool profile = m_useProfile->isChecked();
    m_profile->setEnabled(profile);
    m_keyId->setEnabled(!profile);
    m_secret->setEnabled(!profile);
    m_token->setEnabled(!profile);
}

void ConnectDialog::setSettings(const S3ConnectionSettings &s)
{
    m_endpoint->setText(s.endpoint.toString());
    m_region->setCurrentText(s.region);
    if (s.usesProfile()) {
        m_useProfile->setEnabled(true);
        m_useProfile->setChecked(true);
        m_profile->setCurrentText(s.profile);
    } else {
        m_useKey->setChecked(true);
    }
    m_keyId->setText(s.accessKeyId);
    m_secret->setText(s.secretAccessKey);
    m_token->setText(s.sessionToken);
    if (!s.accessKeyId.isEmpty() && s.secretAccessKey.isEmpty() && !s.usesProfile())
        m_secret->setFocus();
    updateState();
}

S3ConnectionSettings ConnectDialog::settings() const
{
    S3ConnectionSettings s;
    s.endpoint = QUrl(m_endpoint->text().trimmed());
    s.region = m_region->currentText().trimmed();
    if (m_useProfile->isChecked()) {
        s.profile = m_profile->currentText().trimmed();
    } else {
        s.accessKeyId = m_keyId->text().trimmed();
        s.secretAccessKey = m_secret->text().trimmed();
        s.sessionToken = m_token->text().trimmed();
    }
    return s;
}

void ConnectDialog::accept()
{
    const S3ConnectionSettings s = settings();
    QString problem;
    if (!s.isAws() && (!s.endpoint.isValid() || s.endpoint.host().isEmpty()
                       || (s.endpoint.scheme() != u"http" && s.endpoint.scheme() != u"https")))
        problem = tr("The endpoint must be an http:// or https:// URL, or empty for AWS.");
    else if (s.region.isEmpty())
        problem = tr("Enter a region (for example us-east-1).");
    else if (m_useProfile->isChecked() && s.profile.isEmpty())
        problem = tr("Choose a profile.");
    else if (!m_useProfile->isChecked() && (s.accessKeyId.isEmpty() || s.secretAccessKey.isEmpty()))
        problem = tr("Enter the access key id and the secret access key.");
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    QDialog::accept();
}
