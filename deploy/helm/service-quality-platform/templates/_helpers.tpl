{{/* The release's prefix of every object's name. */}}
{{- define "sqp.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name "sqp" | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels every object carries (with its instance: the selector's labels, or "sqp.instance"). */}}
{{- define "sqp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: service-quality-platform
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "sqp.instance" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The selector of one service's pods; called with (dict "root" $ "service" $service). */}}
{{- define "sqp.selector" -}}
app.kubernetes.io/name: {{ .service.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The secret holding the store URIs and credentials. */}}
{{- define "sqp.secretName" -}}
{{- if .Values.secrets.create -}}
{{- printf "%s-secrets" (include "sqp.fullname" .) -}}
{{- else -}}
{{- required "secrets.existingSecret is required when secrets.create is false" .Values.secrets.existingSecret -}}
{{- end -}}
{{- end -}}
