{{/* The release's full name, at most 63 characters. */}}
{{- define "lumen.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "lumen.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "lumen.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "lumen.serviceAccountName" -}}
{{- if .Values.serviceAccount.name -}}
{{- .Values.serviceAccount.name -}}
{{- else -}}
{{- include "lumen.fullname" . -}}
{{- end -}}
{{- end -}}

{{- define "lumen.configMapName" -}}
{{- if .Values.config.existingConfigMap -}}
{{- .Values.config.existingConfigMap -}}
{{- else -}}
{{- printf "%s-config" (include "lumen.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Refuse what cannot work instead of deploying it half-working. */}}
{{- define "lumen.validate" -}}
{{- if not (or (eq .Values.coordination "local") (eq .Values.coordination "etcd") (eq .Values.coordination "kubernetes")) -}}
{{- fail (printf "coordination %q is not one of local, etcd, kubernetes" .Values.coordination) -}}
{{- end -}}
{{- if and (gt (int .Values.replicas) 1) (eq .Values.coordination "local") -}}
{{- fail "replicas > 1 needs a coordination engine (etcd or kubernetes): with coordination local two replicas would act on the same targets; run 1 replica or set coordination" -}}
{{- end -}}
{{- if and .Values.secrets.files (not .Values.secrets.existingSecret) -}}
{{- fail "secrets.files needs secrets.existingSecret: the chart never holds secret values" -}}
{{- end -}}
{{- end -}}
