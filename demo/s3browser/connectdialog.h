// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef CONNECTDIALOG_H
#define CONNECTDIALOG_H

#include "s3connectionsettings.h"

#include <QtWidgets/qdialog.h>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

// Endpoint, region and credentials (a profile of ~/.aws, or an access key). The secret access
// key and the session token are never remembered: the dialog says so.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    void setSettings(const S3ConnectionSettings &settings);
    S3ConnectionSettings settings() const;

    void accept() override;

private:
    void updateState();

    QLineEdit *m_endpoint;
    QComboBox *m_region;
    QRadioButton *m_useProfile;
    QRadioButton *m_useKey;
    QComboBox *m_profile;
    QLineEdit *m_keyId;
    QLineEdit *m_secret;
    QLineEdit *m_token;
    QLabel *m_problem;
};

#endif // CONNECTDIALOG_H
